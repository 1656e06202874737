package io.tutti.conversations.messaging;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.message.Message;
import io.tutti.conversations.message.Previews;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventPayload;
import io.tutti.events.outbox.Outbox;
import io.tutti.events.type.ConversationMessageAdded;
import io.tutti.events.type.ConversationOpened;
import io.tutti.events.type.ConversationUpdated;
import io.tutti.events.type.OutboundRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The events conversations emits, each written to the outbox in the transaction of the change it
 * announces.
 */
@ApplicationScoped
public class ConversationEvents {

  public static final String SOURCE = "conversations";

  private final Outbox outbox;

  public ConversationEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  public Uni<Void> opened(Conversation c, String correlationId) {
    return add(
        c,
        correlationId,
        new ConversationOpened(
            c.id.toString(),
            c.contactId,
            c.inboxId,
            c.channel,
            c.externalContactId,
            c.status,
            text(c.teamId),
            c.assigneeId,
            c.openedAt,
            c.contactName,
            c.subject));
  }

  public Uni<Void> updated(Conversation c, List<String> changed, String by, String correlationId) {
    return add(c, correlationId, update(c, changed, by, null));
  }

  /** Messages of the conversation whose delivery status or text changed. */
  public Uni<Void> messagesChanged(Conversation c, List<Message> messages, String correlationId) {
    List<ConversationUpdated.MessageChange> changes =
        messages.stream()
            .map(
                m ->
                    new ConversationUpdated.MessageChange(
                        m.id.toString(),
                        m.status,
                        m.errorCode,
                        m.errorMessage,
                        m.platformMessageId,
                        m.text,
                        m.editedAt))
            .toList();
    return add(c, correlationId, update(c, List.of("message"), "system", changes));
  }

  public Uni<Void> messageAdded(Conversation c, Message m, String correlationId) {
    return add(
        c,
        correlationId,
        new ConversationMessageAdded(
            c.id.toString(),
            m.id.toString(),
            c.contactId,
            c.channel,
            m.direction,
            m.isInbound() ? c.contactId : m.senderId,
            m.isPrivate,
            Previews.of(m),
            m.status,
            m.sentAt,
            c.inboxId,
            text(c.teamId),
            c.assigneeId,
            m.kind));
  }

  public Uni<Void> outboundRequested(Conversation c, OutboundRequested request) {
    return add(c, null, request);
  }

  private static ConversationUpdated update(
      Conversation c,
      List<String> changed,
      String by,
      List<ConversationUpdated.MessageChange> messages) {
    return new ConversationUpdated(
        c.id.toString(),
        c.contactId,
        c.channel,
        c.status,
        c.snoozeUntil,
        c.assigneeId,
        text(c.teamId),
        c.priority,
        List.copyOf(c.labels),
        changed,
        by,
        c.inboxId,
        messages);
  }

  private Uni<Void> add(Conversation c, String correlationId, EventPayload payload) {
    return outbox
        .add(EventEnvelope.of(SOURCE, c.workspaceId, correlationId, payload))
        .replaceWithVoid();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
