package io.tutti.conversations.message;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.ConversationRepository;
import io.tutti.conversations.messaging.ConversationEvents;
import io.tutti.events.EventEnvelope;
import io.tutti.events.UuidV7;
import io.tutti.events.type.MessageStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies what a platform reported about our replies ({@code message.status-changed}).
 *
 * <p>The reply is found by our {@code messageId} when the event has it; else by the platform's id
 * on the inbox; else, for a watermark, every reply to that customer on that inbox sent at or before
 * it. A status only moves forward (pending, sent, delivered, read); {@code failed} applies to a
 * pending or sent reply only. So a duplicate or a receipt overtaken by a later one changes nothing.
 * A failed reply moves on only when a report names it (by id, or by platform id): connectors sent
 * it after all, as when an admin replays its dead letter; a watermark never revives one. The
 * platform id a {@code sent} carries is stored whatever the status does; receipts that named it
 * before we knew it are kept and applied then.
 */
@ApplicationScoped
public class DeliveryStatusService {

  private static final Logger LOG = Logger.getLogger(DeliveryStatusService.class);

  static final String PENDING = "pending";
  private static final List<String> PROGRESS =
      List.of(
          PENDING,
          MessageStatusChanged.SENT,
          MessageStatusChanged.DELIVERED,
          MessageStatusChanged.READ);

  private final MessageRepository messages;
  private final PendingReceiptRepository pending;
  private final ConversationRepository conversations;
  private final ConversationEvents events;

  public DeliveryStatusService(
      MessageRepository messages,
      PendingReceiptRepository pending,
      ConversationRepository conversations,
      ConversationEvents events) {
    this.messages = messages;
    this.pending = pending;
    this.conversations = conversations;
    this.events = events;
  }

  /**
   * One report, reduced to what applies to a message.
   *
   * @param namesTheReply the report names this reply (its id or platform id), not a watermark
   */
  private record Receipt(
      String status,
      String errorCode,
      String errorMessage,
      String platformId,
      Instant at,
      boolean namesTheReply) {

    Receipt byWatermark() {
      return new Receipt(status, errorCode, errorMessage, platformId, at, false);
    }
  }

  public Uni<Void> apply(EventEnvelope event) {
    MessageStatusChanged changed = (MessageStatusChanged) event.payload();
    String status = changed.status() == null ? "" : changed.status().toLowerCase(Locale.ROOT);
    boolean reported = PROGRESS.contains(status) && !PENDING.equals(status);
    if (!reported && !MessageStatusChanged.FAILED.equals(status)) {
      LOG.debugf("status %s of event %s means nothing to a reply", status, event.id());
      return Uni.createFrom().voidItem();
    }
    boolean failed = MessageStatusChanged.FAILED.equals(status);
    Receipt receipt =
        new Receipt(
            status,
            failed && changed.error() != null ? clip(changed.error().code(), 200) : null,
            failed && changed.error() != null ? clip(changed.error().message(), 2000) : null,
            clip(changed.platformMessageId(), 1000),
            (changed.at() != null ? changed.at() : event.occurredAt())
                .truncatedTo(ChronoUnit.MICROS),
            true);
    UUID messageId = uuidOrNull(changed.messageId());
    if (messageId != null) {
      return messages
          .findOutbound(event.workspaceId(), messageId)
          .chain(
              reply ->
                  reply != null
                      ? applyTo(event, List.of(reply), receipt)
                      : byPlatformId(event, changed, receipt));
    }
    return byPlatformId(event, changed, receipt);
  }

  private Uni<Void> byPlatformId(
      EventEnvelope event, MessageStatusChanged changed, Receipt receipt) {
    if (receipt.platformId() != null && changed.inboxId() != null) {
      return messages
          .findOutboundByPlatformId(changed.inboxId(), receipt.platformId())
          .chain(
              reply -> {
                if (reply != null && reply.workspaceId.equals(event.workspaceId())) {
                  return applyTo(event, List.of(reply), receipt);
                }
                return park(event, changed.inboxId(), receipt);
              });
    }
    boolean watermarkStatus =
        MessageStatusChanged.DELIVERED.equals(receipt.status())
            || MessageStatusChanged.READ.equals(receipt.status());
    if (changed.watermark() != null
        && changed.inboxId() != null
        && changed.externalContactId() != null
        && watermarkStatus) {
      return messages
          .repliesUpTo(
              event.workspaceId(),
              changed.inboxId(),
              changed.externalContactId(),
              changed.watermark())
          .chain(replies -> applyTo(event, replies, receipt.byWatermark()));
    }
    LOG.debugf("status event %s names no reply we could find", event.id());
    return Uni.createFrom().voidItem();
  }

  /** Keeps a receipt for a platform id we do not know yet. */
  private Uni<Void> park(EventEnvelope event, String inboxId, Receipt receipt) {
    PendingReceipt row = new PendingReceipt();
    row.id = UuidV7.next();
    row.workspaceId = event.workspaceId();
    row.inboxId = inboxId;
    row.platformMessageId = receipt.platformId();
    row.status = receipt.status();
    row.errorCode = receipt.errorCode();
    row.errorMessage = receipt.errorMessage();
    row.at = receipt.at();
    row.receivedAt = Instant.now();
    return pending.persist(row).replaceWithVoid();
  }

  private Uni<Void> applyTo(EventEnvelope event, List<Message> replies, Receipt receipt) {
    return Multi.createFrom()
        .iterable(replies)
        .onItem()
        .transformToUniAndConcatenate(
            reply -> advance(reply, receipt).map(moved -> moved ? reply : null))
        .filter(reply -> reply != null)
        .collect()
        .asList()
        .chain(moved -> announce(event, moved));
  }

  /** Applies the receipt to one reply; true when anything about it changed. */
  private Uni<Boolean> advance(Message reply, Receipt receipt) {
    boolean learnedPlatformId = false;
    if (receipt.platformId() != null && reply.platformMessageId == null) {
      reply.platformMessageId = receipt.platformId();
      learnedPlatformId = true;
    }
    boolean changed = learnedPlatformId | transition(reply, receipt);
    if (!learnedPlatformId) {
      return Uni.createFrom().item(changed);
    }
    return pending
        .take(reply.workspaceId, reply.inboxId, reply.platformMessageId)
        .map(
            parked -> {
              boolean moved = changed;
              for (PendingReceipt earlier : parked) {
                moved |=
                    transition(
                        reply,
                        new Receipt(
                            earlier.status,
                            earlier.errorCode,
                            earlier.errorMessage,
                            null,
                            earlier.at,
                            true));
              }
              return moved;
            });
  }

  /** Moves the reply's status if the receipt is a step forward; true when it did. */
  static boolean transition(Message reply, Receipt receipt) {
    if (reply.isPrivate || reply.status == null) {
      return false;
    }
    if (MessageStatusChanged.FAILED.equals(reply.status)) {
      if (!receipt.namesTheReply() || !PROGRESS.contains(receipt.status())) {
        return false;
      }
      // Sent after all (a replayed dead letter): the failure no longer describes it.
      reply.errorCode = null;
      reply.errorMessage = null;
      reply.status = receipt.status();
      reply.statusAt = receipt.at();
      return true;
    }
    int current = PROGRESS.indexOf(reply.status);
    if (MessageStatusChanged.FAILED.equals(receipt.status())) {
      if (current > PROGRESS.indexOf(MessageStatusChanged.SENT)) {
        return false;
      }
      reply.status = MessageStatusChanged.FAILED;
      reply.errorCode = receipt.errorCode();
      reply.errorMessage = receipt.errorMessage();
      reply.statusAt = receipt.at();
      return true;
    }
    if (PROGRESS.indexOf(receipt.status()) <= current) {
      return false;
    }
    reply.status = receipt.status();
    reply.statusAt = receipt.at();
    return true;
  }

  /** One {@code conversation.updated} per conversation, naming its replies that changed. */
  private Uni<Void> announce(EventEnvelope event, List<Message> moved) {
    Map<UUID, List<Message>> byConversation = new LinkedHashMap<>();
    for (Message reply : moved) {
      byConversation.computeIfAbsent(reply.conversationId, id -> new ArrayList<>()).add(reply);
    }
    return Multi.createFrom()
        .iterable(byConversation.entrySet())
        .onItem()
        .transformToUniAndConcatenate(
            entry ->
                conversations
                    .findById(entry.getKey())
                    .chain(
                        conversation ->
                            events.messagesChanged(
                                conversation, entry.getValue(), event.correlationId())))
        .collect()
        .asList()
        .replaceWithVoid();
  }

  private static UUID uuidOrNull(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String clip(String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return value.length() <= max ? value : value.substring(0, max);
  }
}
