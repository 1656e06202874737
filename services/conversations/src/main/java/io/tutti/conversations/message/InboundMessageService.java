package io.tutti.conversations.message;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.activity.Activity;
import io.tutti.conversations.activity.ActivityLog;
import io.tutti.conversations.assignment.AssignmentSignals;
import io.tutti.conversations.config.ConversationsConfig;
import io.tutti.conversations.contact.ContactIdentityRepository;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.conversation.ConversationRepository;
import io.tutti.conversations.conversation.ConversationSearch;
import io.tutti.conversations.conversation.Priority;
import io.tutti.conversations.conversation.Status;
import io.tutti.conversations.messaging.ConversationEvents;
import io.tutti.conversations.routing.RoutingEngine;
import io.tutti.events.EventEnvelope;
import io.tutti.events.UuidV7;
import io.tutti.events.type.MessageReceived;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Turns a customer's {@code message.received} into a message of the right conversation. Runs in the
 * idempotent consumer's transaction, so the event id is claimed, and the messages, conversation
 * changes and outbox events are written, all at once or not at all.
 *
 * <p>Threading: a conversation belongs to one identity (inbox + external contact id). The message
 * goes to the identity's conversation that is not resolved (a snoozed or pending one opens again);
 * else to its latest resolved conversation if the customer wrote within the re-open window after it
 * was resolved; else a new conversation starts.
 *
 * <p>Once stored, the message runs the workspace's routing rules ({@link RoutingEngine}) in the
 * same transaction.
 *
 * <p>The same platform message under another event id is a duplicate and changes nothing, except
 * {@code kind=edit}, which replaces the text of the earlier message. A reaction is stored as a
 * message of kind {@code reaction} pointing at the message it reacts to, in that message's
 * conversation; it moves the conversation up the queue but never re-opens it, never makes it
 * waiting and is not unread.
 */
@ApplicationScoped
public class InboundMessageService {

  private static final Logger LOG = Logger.getLogger(InboundMessageService.class);

  private final ConversationRepository conversations;
  private final MessageRepository messages;
  private final ContactIdentityRepository identities;
  private final ConversationSearch search;
  private final ActivityLog activity;
  private final ConversationEvents events;
  private final RoutingEngine routing;
  private final ConversationsConfig config;
  private final AssignmentSignals signals;

  public InboundMessageService(
      ConversationRepository conversations,
      MessageRepository messages,
      ContactIdentityRepository identities,
      ConversationSearch search,
      ActivityLog activity,
      ConversationEvents events,
      RoutingEngine routing,
      ConversationsConfig config,
      AssignmentSignals signals) {
    this.conversations = conversations;
    this.messages = messages;
    this.identities = identities;
    this.search = search;
    this.activity = activity;
    this.events = events;
    this.routing = routing;
    this.config = config;
    this.signals = signals;
  }

  /** Where a message landed, and what that did to its conversation. */
  private record Threaded(
      Conversation conversation, boolean opened, boolean reopened, String statusBefore) {

    boolean statusChanged() {
      return statusBefore != null;
    }
  }

  public Uni<Void> receive(EventEnvelope event) {
    MessageReceived received = (MessageReceived) event.payload();
    requireIdentity(received);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String kind = received.kind() == null ? MessageReceived.KIND_MESSAGE : received.kind();
    return switch (kind) {
      case MessageReceived.KIND_EDIT -> edit(event, received, now);
      case MessageReceived.KIND_REACTION -> reaction(event, received, now);
      case MessageReceived.KIND_POSTBACK ->
          appendOnce(event, received, Message.KIND_POSTBACK, now, null);
      default -> appendOnce(event, received, Message.KIND_MESSAGE, now, null);
    };
  }

  private Uni<Void> appendOnce(
      EventEnvelope event, MessageReceived received, String kind, Instant now, Instant editedAt) {
    return existing(received)
        .chain(
            found -> {
              if (found != null) {
                LOG.debugf(
                    "message %s of inbox %s is already stored",
                    received.platformMessageId(), received.inboxId());
                return Uni.createFrom().voidItem();
              }
              Instant sentAt = sentAt(event, received, now);
              return thread(event, received, sentAt, now)
                  .chain(
                      threaded ->
                          add(event, received, kind, threaded, sentAt, now, editedAt, null));
            });
  }

  /** A new text for an earlier message; an edit of a message we never saw stores the edit. */
  private Uni<Void> edit(EventEnvelope event, MessageReceived received, Instant now) {
    Instant editedAt = event.occurredAt().truncatedTo(ChronoUnit.MICROS);
    return existing(received)
        .chain(
            original -> {
              if (original == null) {
                return appendOnce(event, received, Message.KIND_MESSAGE, now, editedAt);
              }
              if (original.editedAt != null && !editedAt.isAfter(original.editedAt)) {
                // An older edit overtaken by a newer one: the newer text stays.
                return Uni.createFrom().voidItem();
              }
              original.text = received.text();
              if (received.html() != null) {
                original.html = received.html();
              }
              if (received.attachments() != null && !received.attachments().isEmpty()) {
                original.attachments = attachments(received);
              }
              original.editedAt = editedAt;
              return conversations
                  .lockInWorkspace(event.workspaceId(), original.conversationId)
                  .chain(
                      conversation -> {
                        if (original.sentAt.equals(conversation.lastMessageAt)) {
                          conversation.lastMessagePreview = Previews.of(original);
                        }
                        conversation.updatedAt = now;
                        return conversations
                            .flush()
                            .chain(() -> search.add(conversation.id, received.text()))
                            .chain(
                                () ->
                                    events.messagesChanged(
                                        conversation, List.of(original), event.correlationId()));
                      });
            });
  }

  private Uni<Void> reaction(EventEnvelope event, MessageReceived received, Instant now) {
    return existing(received)
        .chain(
            found -> {
              if (found != null) {
                return Uni.createFrom().voidItem();
              }
              Instant sentAt = sentAt(event, received, now);
              return target(received)
                  .chain(
                      target ->
                          conversationOf(event, received, target, sentAt, now)
                              .chain(
                                  threaded ->
                                      add(
                                          event,
                                          received,
                                          Message.KIND_REACTION,
                                          threaded,
                                          sentAt,
                                          now,
                                          null,
                                          target)));
            });
  }

  /**
   * The conversation a reaction belongs to: its target's; else the identity's current or latest
   * one, as it is; a new one only when the identity has none at all.
   */
  private Uni<Threaded> conversationOf(
      EventEnvelope event, MessageReceived received, Message target, Instant sentAt, Instant now) {
    if (target != null) {
      return conversations
          .lockInWorkspace(event.workspaceId(), target.conversationId)
          .map(c -> new Threaded(c, false, false, null));
    }
    return conversations
        .lockLatest(event.workspaceId(), received.inboxId(), received.externalContactId())
        .chain(
            latest ->
                latest != null
                    ? Uni.createFrom().item(new Threaded(latest, false, false, null))
                    : open(event, received, sentAt, now)
                        .map(c -> new Threaded(c, true, false, null)));
  }

  /** The message a reaction is on: the customer's own or one of our replies to them. */
  private Uni<Message> target(MessageReceived received) {
    String platformId = received.replyToPlatformMessageId();
    if (platformId == null || platformId.isBlank()) {
      return Uni.createFrom().nullItem();
    }
    return messages
        .findInbound(received.inboxId(), received.externalContactId(), platformId)
        .chain(
            inbound ->
                inbound != null
                    ? Uni.createFrom().item(inbound)
                    : messages
                        .findOutboundByPlatformId(received.inboxId(), platformId)
                        .map(
                            reply ->
                                reply != null
                                        && reply.externalContactId.equals(
                                            received.externalContactId())
                                    ? reply
                                    : null));
  }

  private Uni<Threaded> thread(
      EventEnvelope event, MessageReceived received, Instant sentAt, Instant now) {
    String workspaceId = event.workspaceId();
    // The identity first, then its conversations: the order contact.resolved takes them in.
    return identities
        .lock(workspaceId, received.channel(), received.externalContactId())
        .chain(
            () ->
                conversations.lockActive(
                    workspaceId, received.inboxId(), received.externalContactId()))
        .chain(
            active -> {
              if (active != null) {
                if (active.is(Status.SNOOZED) || active.is(Status.PENDING)) {
                  String before = active.status;
                  active.status = Status.OPEN.id();
                  active.snoozeUntil = null;
                  return Uni.createFrom().item(new Threaded(active, false, false, before));
                }
                return Uni.createFrom().item(new Threaded(active, false, false, null));
              }
              return conversations
                  .lockLatest(workspaceId, received.inboxId(), received.externalContactId())
                  .chain(
                      latest -> {
                        if (latest != null && withinReopenWindow(latest, sentAt)) {
                          latest.status = Status.OPEN.id();
                          latest.resolvedAt = null;
                          latest.resolvedBy = null;
                          return Uni.createFrom()
                              .item(new Threaded(latest, false, true, Status.RESOLVED.id()));
                        }
                        return open(event, received, sentAt, now)
                            .map(c -> new Threaded(c, true, false, null));
                      });
            });
  }

  private boolean withinReopenWindow(Conversation latest, Instant sentAt) {
    return latest.is(Status.RESOLVED)
        && latest.resolvedAt != null
        && !sentAt.isAfter(latest.resolvedAt.plus(config.reopenWindow()));
  }

  private Uni<Conversation> open(
      EventEnvelope event, MessageReceived received, Instant sentAt, Instant now) {
    return identities
        .contactOf(event.workspaceId(), received.channel(), received.externalContactId())
        .chain(
            contactId -> {
              Conversation c = new Conversation();
              c.id = UuidV7.next();
              c.workspaceId = event.workspaceId();
              c.inboxId = received.inboxId();
              c.channel = received.channel();
              c.externalContactId = received.externalContactId();
              c.contactId = contactId;
              c.contactName = clip(received.contactName(), 300);
              c.contactHandle = clip(received.contactHandle(), 320);
              c.subject = clip(received.subject(), 1000);
              c.status = Status.OPEN.id();
              c.priority = Priority.NONE.id();
              c.labels = new ArrayList<>();
              c.lastMessageAt = sentAt;
              c.lastMessagePreview = "";
              c.activityChangedAt = now;
              c.openedAt = now;
              c.updatedAt = now;
              // Flushed at once: the one-open-conversation-per-identity index refuses a second
              // conversation opened concurrently here, and the consumer's retry then finds it.
              return conversations.persist(c).call(conversations::flush);
            });
  }

  private Uni<Void> add(
      EventEnvelope event,
      MessageReceived received,
      String kind,
      Threaded threaded,
      Instant sentAt,
      Instant now,
      Instant editedAt,
      Message target) {
    Conversation c = threaded.conversation();
    Message message = new Message();
    message.id = UuidV7.next();
    message.workspaceId = c.workspaceId;
    message.conversationId = c.id;
    message.inboxId = c.inboxId;
    message.externalContactId = c.externalContactId;
    message.direction = Direction.IN;
    message.kind = kind;
    message.text = received.text();
    message.html = received.html();
    message.subject = clip(received.subject(), 1000);
    message.attachments = attachments(received);
    message.platformMessageId = clip(received.platformMessageId(), 1000);
    message.replyToPlatformMessageId = clip(received.replyToPlatformMessageId(), 1000);
    message.replyToMessageId = target == null ? null : target.id;
    message.references =
        received.references() == null || received.references().isEmpty()
            ? null
            : List.copyOf(received.references());
    message.referral = received.referral();
    message.sentAt = sentAt;
    message.createdAt = now;
    message.editedAt = editedAt;

    List<String> words = new ArrayList<>();
    words.add(received.text());
    if (threaded.opened()) {
      words.add(c.contactName);
      words.add(c.contactHandle);
      words.add(c.subject);
    }
    boolean keysChanged = threaded.opened();
    if (!sentAt.isBefore(c.lastMessageAt)) {
      keysChanged |= !sentAt.equals(c.lastMessageAt);
      c.lastMessageAt = sentAt;
      c.lastMessagePreview = Previews.of(message);
    }
    if (!Message.KIND_REACTION.equals(kind)) {
      c.inboundCount++;
      boolean unanswered = c.lastReplyAt == null || sentAt.isAfter(c.lastReplyAt);
      if (unanswered && (c.waitingSince == null || sentAt.isBefore(c.waitingSince))) {
        c.waitingSince = sentAt;
        keysChanged = true;
      }
    }
    if (keysChanged) {
      c.activityChangedAt = now;
    }
    String name = clip(received.contactName(), 300);
    if (name != null && !name.equals(c.contactName)) {
      c.contactName = name;
      words.add(name);
    }
    String handle = clip(received.contactHandle(), 320);
    if (handle != null && !handle.equals(c.contactHandle)) {
      c.contactHandle = handle;
      words.add(handle);
    }
    if (c.subject == null && message.subject != null) {
      c.subject = message.subject;
      words.add(message.subject);
    }
    c.updatedAt = now;

    return messages
        .persist(message)
        .call(messages::flush)
        .call(() -> search.add(c.id, words.toArray(String[]::new)))
        .call(() -> record(threaded, now))
        .call(
            () -> {
              if (threaded.opened()) {
                return events.opened(c, event.correlationId());
              }
              if (threaded.statusChanged()) {
                return events.updated(c, List.of("status"), "system", event.correlationId());
              }
              return Uni.createFrom().voidItem();
            })
        .call(() -> events.messageAdded(c, message, event.correlationId()))
        .call(
            () ->
                // A conversation that waited in its team's queue while snoozed or resolved is
                // open again: for the team's agents to take.
                threaded.statusChanged() && c.assigneeId == null && c.queuedAt != null
                    ? signals.team(c.teamId)
                    : Uni.createFrom().voidItem())
        // After the conversation's own events, so listeners hear of it before what rules did.
        .call(() -> routing.messageLanded(c, message, threaded.opened(), event.correlationId()))
        .replaceWithVoid();
  }

  private Uni<Void> record(Threaded threaded, Instant now) {
    Conversation c = threaded.conversation();
    if (threaded.opened()) {
      return activity.record(
          c,
          Activity.OPENED,
          Activity.BY_CONTACT,
          Map.of("channel", c.channel, "inboxId", c.inboxId),
          now);
    }
    if (threaded.reopened()) {
      return activity.record(
          c,
          Activity.REOPENED,
          Activity.BY_CONTACT,
          ActivityLog.change(threaded.statusBefore(), c.status),
          now);
    }
    if (threaded.statusChanged()) {
      return activity.record(
          c,
          Activity.STATUS_CHANGED,
          Activity.BY_CONTACT,
          ActivityLog.change(threaded.statusBefore(), c.status),
          now);
    }
    return Uni.createFrom().voidItem();
  }

  /** The stored message with the same platform id on the same inbox from the same customer. */
  private Uni<Message> existing(MessageReceived received) {
    String platformId = clip(received.platformMessageId(), 1000);
    if (platformId == null) {
      return Uni.createFrom().nullItem();
    }
    return messages.findInbound(received.inboxId(), received.externalContactId(), platformId);
  }

  /**
   * When the customer sent it; never later than now, so a platform clock running ahead cannot pin a
   * conversation to the top of the queue.
   */
  private static Instant sentAt(EventEnvelope event, MessageReceived received, Instant now) {
    Instant sentAt = received.sentAt() != null ? received.sentAt() : event.occurredAt();
    sentAt = sentAt.truncatedTo(ChronoUnit.MICROS);
    return sentAt.isAfter(now) ? now : sentAt;
  }

  private static List<MessageAttachment> attachments(MessageReceived received) {
    return received.attachments() == null
        ? new ArrayList<>()
        : received.attachments().stream().map(MessageAttachment::of).toList();
  }

  /**
   * An event without an identity can never be threaded: failing it sends it to the dead-letter
   * queue after the bounded retries, where it is kept for a person to look at.
   */
  private static void requireIdentity(MessageReceived received) {
    if (blank(received.inboxId())
        || blank(received.channel())
        || blank(received.externalContactId())) {
      throw new IllegalArgumentException(
          "message.received without inboxId, channel or externalContactId");
    }
    if (received.inboxId().length() > 100
        || received.channel().length() > 20
        || received.externalContactId().length() > 320) {
      throw new IllegalArgumentException("message.received with an over-long identity");
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String clip(String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String stripped = value.strip();
    return stripped.length() <= max ? stripped : stripped.substring(0, max);
  }
}
