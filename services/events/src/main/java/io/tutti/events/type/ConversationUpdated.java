package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.time.Instant;
import java.util.List;

/**
 * A conversation's state changed (conversations). Carries the whole new state so a consumer never
 * needs an earlier event to make sense of it.
 *
 * @param changed which fields changed: status, assignee, team, priority, labels
 * @param by agent id, or {@code rule:<id>} / {@code system}
 */
public record ConversationUpdated(
    String conversationId,
    String contactId,
    String channel,
    String status,
    Instant snoozeUntil,
    String assigneeId,
    String teamId,
    String priority,
    List<String> labels,
    List<String> changed,
    String by)
    implements EventPayload {

  @Override
  public String type() {
    return EventTypes.CONVERSATION_UPDATED;
  }
}
