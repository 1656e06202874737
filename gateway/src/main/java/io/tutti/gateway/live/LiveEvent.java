package io.tutti.gateway.live;

import java.util.Set;
import java.util.UUID;

/**
 * One event as the live socket pushes it: the frame written once for every socket that may see it,
 * and who may.
 *
 * @param sight the conversation's state the event announces; null for an event of the whole
 *     workspace (presence), which every socket of the workspace gets
 * @param before for a {@code conversation.updated} that moved the conversation: its state before,
 *     so that those who saw it then and not now are told it left them
 * @param frame {@code {id, type, occurredAt, payload}}
 * @param hiddenFrame {@code {id, type: conversation.hidden, occurredAt, payload: {conversationId}}}
 *     when {@code before} is set
 * @param receivedAt when this gateway took it, in milliseconds, for the replay buffer's age
 */
record LiveEvent(
    UUID id,
    String type,
    String workspaceId,
    Sight sight,
    Sight before,
    String frame,
    String hiddenFrame,
    long receivedAt) {

  /** The frame this user gets, or null when they may not see the event. */
  String frameFor(LiveUser user, Set<String> teams) {
    if (sight == null || sight.visibleTo(user, teams)) {
      return frame;
    }
    if (before != null && before.visibleTo(user, teams)) {
      return hiddenFrame;
    }
    return null;
  }

  /** The type of the frame this user gets (for metrics), given {@link #frameFor} answered it. */
  String typeOf(String sent) {
    return sent == hiddenFrame ? LiveFrames.CONVERSATION_HIDDEN : type;
  }

  /** A team the event names, when it names one. */
  String teamId() {
    String now = sight == null ? null : sight.teamId();
    return now != null ? now : before == null ? null : before.teamId();
  }
}
