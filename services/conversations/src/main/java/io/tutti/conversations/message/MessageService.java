package io.tutti.conversations.message;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.conversation.ConversationAccess;
import io.tutti.conversations.conversation.ConversationSearch;
import io.tutti.conversations.conversation.Cursor;
import io.tutti.conversations.conversation.Ids;
import io.tutti.conversations.conversation.Page;
import io.tutti.conversations.conversation.ReadMarkers;
import io.tutti.conversations.conversation.Viewer;
import io.tutti.conversations.messaging.ConversationEvents;
import io.tutti.events.UuidV7;
import io.tutti.events.type.OutboundRequested;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * An agent's side of the thread: reading it, and writing replies and notes. A reply is stored as
 * pending and handed to connectors as {@code outbound.requested} in the same transaction; a note is
 * stored without a delivery status and never leaves Tutti.
 */
@ApplicationScoped
public class MessageService {

  static final String EMAIL = "email";
  static final String WHATSAPP = "whatsapp";

  private final ConversationAccess access;
  private final MessageRepository messages;
  private final ConversationSearch search;
  private final ReadMarkers reads;
  private final ConversationEvents events;

  public MessageService(
      ConversationAccess access,
      MessageRepository messages,
      ConversationSearch search,
      ReadMarkers reads,
      ConversationEvents events) {
    this.access = access;
    this.messages = messages;
    this.search = search;
    this.reads = reads;
    this.events = events;
  }

  /** A page of the thread, oldest first; {@code nextCursor} leads to newer messages. */
  @WithSession
  public Uni<Page<MessageView>> page(Viewer viewer, UUID conversationId, Cursor cursor, int size) {
    return access
        .visible(viewer, conversationId)
        .chain(
            conversation ->
                messages
                    .page(
                        conversation.id,
                        cursor == null ? null : cursor.at(),
                        cursor == null ? null : cursor.id(),
                        size + 1)
                    .map(
                        found -> {
                          List<Message> items =
                              found.size() > size ? found.subList(0, size) : found;
                          String next =
                              found.size() > size
                                  ? new Cursor(items.getLast().sentAt, items.getLast().id).encode()
                                  : null;
                          return new Page<>(
                              items.stream().map(m -> MessageView.of(m, conversation)).toList(),
                              next);
                        }));
  }

  @WithTransaction
  public Uni<MessageView> write(Viewer viewer, UUID conversationId, ReplyRequest request) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String text = request.text() == null || request.text().isBlank() ? null : request.text();
    List<MessageAttachment> attachments =
        request.attachments() == null
            ? List.of()
            : request.attachments().stream()
                .map(a -> new MessageAttachment(a.type(), a.url(), a.name(), null, null, null))
                .toList();
    MessageTemplate template =
        request.template() == null
            ? null
            : new MessageTemplate(
                request.template().name(),
                request.template().language(),
                request.template().parameters() == null
                    ? List.of()
                    : List.copyOf(request.template().parameters()));
    if (text == null && attachments.isEmpty() && template == null) {
      throw invalid("text", "must not be empty without attachments or a template");
    }
    if (request.note() && template != null) {
      throw invalid("template", "is not allowed on a private note");
    }
    UUID replyToId =
        request.replyToMessageId() == null || request.replyToMessageId().isBlank()
            ? null
            : Ids.field(request.replyToMessageId(), "replyToMessageId");
    return access
        .visibleForUpdate(viewer, conversationId)
        .chain(
            conversation -> {
              if (template != null && !WHATSAPP.equals(conversation.channel)) {
                throw invalid("template", "is only sent on WhatsApp conversations");
              }
              return replyTarget(conversation, replyToId)
                  .chain(
                      target -> {
                        Message message =
                            message(
                                viewer.agentId(),
                                viewer.name(),
                                conversation,
                                request.note(),
                                text,
                                attachments,
                                template);
                        message.replyToMessageId = target == null ? null : target.id;
                        message.sentAt = now;
                        message.createdAt = now;
                        return request.note()
                            ? note(conversation, message, now)
                            : reply(viewer.agentId(), conversation, message, target, now, true);
                      });
            });
  }

  /**
   * A note Tutti itself leaves on the conversation (e.g. telling a team lead what happened), in the
   * caller's transaction; like every note it is never sent to the customer.
   */
  public Uni<MessageView> systemNote(
      Conversation conversation, String authorId, String authorName, String text, Instant now) {
    Message message = message(authorId, authorName, conversation, true, text, List.of(), null);
    message.sentAt = now;
    message.createdAt = now;
    return note(conversation, message, now);
  }

  /**
   * A reply or note written by an automation (a routing rule) into a conversation the caller has
   * locked, in the caller's transaction. A reply goes out like an agent's, pending and as {@code
   * outbound.requested}; it is not an answer, though: the customer still waits for a person, so the
   * conversation's waiting time, first response and unread counts stay as they were.
   *
   * @param senderId who wrote it, e.g. {@code rule:<id>}
   * @param authorName the name shown as its author
   */
  public Uni<Message> writeAutomated(
      Conversation conversation, String senderId, String authorName, String text, boolean note) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Message message = message(senderId, authorName, conversation, note, text, List.of(), null);
    message.sentAt = now;
    message.createdAt = now;
    Uni<MessageView> written =
        note
            ? note(conversation, message, now)
            : reply(senderId, conversation, message, null, now, false);
    return written.replaceWith(message);
  }

  private Uni<MessageView> note(Conversation conversation, Message message, Instant now) {
    conversation.updatedAt = now;
    return messages
        .persist(message)
        .call(messages::flush)
        .call(() -> search.add(conversation.id, message.text))
        .call(() -> events.messageAdded(conversation, message, null))
        .map(saved -> MessageView.of(saved, conversation));
  }

  /**
   * @param answers whether a person wrote it: only then does it answer the customer (their waiting
   *     ends, it is the first response, the writer has read the conversation)
   */
  private Uni<MessageView> reply(
      String writerId,
      Conversation conversation,
      Message message,
      Message target,
      Instant now,
      boolean answers) {
    message.status = DeliveryStatusService.PENDING;
    message.statusAt = now;
    return threading(conversation, target)
        .chain(
            thread -> {
              message.replyToPlatformMessageId = thread.replyToPlatformMessageId();
              message.references = thread.references();
              message.subject = thread.subject();
              if (!now.isBefore(conversation.lastMessageAt)) {
                conversation.lastMessageAt = now;
                conversation.lastMessagePreview = Previews.of(message);
              }
              if (answers
                  && (conversation.lastReplyAt == null || now.isAfter(conversation.lastReplyAt))) {
                conversation.lastReplyAt = now;
              }
              if (answers && conversation.firstReplyAt == null) {
                conversation.firstReplyAt = now;
              }
              conversation.activityChangedAt = now;
              conversation.updatedAt = now;
              Uni<Void> waiting =
                  answers
                      ? messages
                          .oldestUnansweredAfter(conversation.id, conversation.lastReplyAt)
                          .invoke(oldest -> conversation.waitingSince = oldest)
                          .replaceWithVoid()
                      : Uni.createFrom().voidItem();
              return waiting
                  .chain(() -> messages.persist(message))
                  .call(messages::flush)
                  .call(() -> search.add(conversation.id, message.text))
                  .call(
                      () ->
                          answers
                              ? reads.markRead(conversation, writerId, now)
                              : Uni.createFrom().voidItem())
                  .call(
                      () ->
                          events.outboundRequested(
                              conversation, outbound(conversation, message, thread)))
                  .call(() -> events.messageAdded(conversation, message, null))
                  .map(saved -> MessageView.of(saved, conversation));
            });
  }

  /** How a reply hangs together with what came before it. */
  private record Threading(
      String replyToPlatformMessageId, String subject, List<String> references) {}

  /**
   * Email threads by headers: the reply answers the agent's chosen message, else the customer's
   * latest email, with the conversation's subject and that email's References plus its Message-ID.
   * Other channels quote only the message the agent picked.
   */
  private Uni<Threading> threading(Conversation conversation, Message target) {
    if (!EMAIL.equals(conversation.channel)) {
      return Uni.createFrom()
          .item(new Threading(target == null ? null : target.platformMessageId, null, null));
    }
    Uni<Message> answered =
        target != null && target.platformMessageId != null
            ? Uni.createFrom().item(target)
            : messages.latestInboundWithPlatformId(conversation.id);
    return answered.map(
        email -> {
          if (email == null) {
            return new Threading(null, conversation.subject, null);
          }
          LinkedHashSet<String> references = new LinkedHashSet<>();
          if (email.references != null) {
            references.addAll(email.references);
          }
          references.add(email.platformMessageId);
          return new Threading(
              email.platformMessageId, conversation.subject, new ArrayList<>(references));
        });
  }

  private Uni<Message> replyTarget(Conversation conversation, UUID replyToId) {
    if (replyToId == null) {
      return Uni.createFrom().nullItem();
    }
    return messages
        .findInConversation(conversation.id, replyToId)
        .invoke(
            target -> {
              if (target == null) {
                throw invalid("replyToMessageId", "names no message of this conversation");
              }
            });
  }

  private static Message message(
      String senderId,
      String authorName,
      Conversation conversation,
      boolean note,
      String text,
      List<MessageAttachment> attachments,
      MessageTemplate template) {
    Message message = new Message();
    message.id = UuidV7.next();
    message.workspaceId = conversation.workspaceId;
    message.conversationId = conversation.id;
    message.inboxId = conversation.inboxId;
    message.externalContactId = conversation.externalContactId;
    message.direction = Direction.OUT;
    message.kind = note ? Message.KIND_NOTE : Message.KIND_MESSAGE;
    message.isPrivate = note;
    message.senderId = senderId;
    message.authorName = authorName;
    message.text = text;
    message.attachments = new ArrayList<>(attachments);
    message.template = template;
    return message;
  }

  private static OutboundRequested outbound(
      Conversation conversation, Message message, Threading thread) {
    return new OutboundRequested(
        message.id.toString(),
        conversation.id.toString(),
        conversation.inboxId,
        conversation.channel,
        conversation.externalContactId,
        message.text,
        message.attachments.stream().map(MessageAttachment::toEvent).toList(),
        thread.replyToPlatformMessageId(),
        thread.subject(),
        thread.references(),
        message.template == null ? null : message.template.toEvent(),
        message.authorName);
  }

  private static io.tutti.web.problem.ProblemException invalid(String field, String message) {
    return Problem.validation(List.of(new Problem.FieldError(field, message))).exception();
  }
}
