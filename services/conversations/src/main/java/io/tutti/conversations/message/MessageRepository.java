package io.tutti.conversations.message;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

  /** The customer's message with this platform id on this inbox, or null. */
  public Uni<Message> findInbound(String inboxId, String externalContactId, String platformId) {
    return find(
            "inboxId = ?1 and externalContactId = ?2 and platformMessageId = ?3"
                + " and direction = 'in'",
            inboxId,
            externalContactId,
            platformId)
        .firstResult();
  }

  /** Our reply with this platform id on this inbox, or null. */
  public Uni<Message> findOutboundByPlatformId(String inboxId, String platformId) {
    return find(
            "inboxId = ?1 and platformMessageId = ?2 and direction = 'out'", inboxId, platformId)
        .firstResult();
  }

  public Uni<Message> findOutbound(String workspaceId, UUID id) {
    return find(
            "workspaceId = ?1 and id = ?2 and direction = 'out' and isPrivate = false",
            workspaceId,
            id)
        .firstResult();
  }

  public Uni<Message> findInConversation(UUID conversationId, UUID id) {
    return find("conversationId = ?1 and id = ?2", conversationId, id).firstResult();
  }

  /** The customer's newest message, reactions aside. */
  public Uni<Message> latestInbound(UUID conversationId) {
    return find(
            "conversationId = ?1 and direction = 'in' and kind <> 'reaction'"
                + " order by sentAt desc, id desc",
            conversationId)
        .firstResult();
  }

  /** The customer's newest message that came with a referral (an ad, a link). */
  public Uni<Message> latestWithReferral(UUID conversationId) {
    return find(
            "conversationId = ?1 and direction = 'in' and referral is not null"
                + " order by sentAt desc, id desc",
            conversationId)
        .firstResult();
  }

  /** The customer's newest message that has a platform id (for email: its Message-ID). */
  public Uni<Message> latestInboundWithPlatformId(UUID conversationId) {
    return find(
            "conversationId = ?1 and direction = 'in' and kind <> 'reaction'"
                + " and platformMessageId is not null order by sentAt desc, id desc",
            conversationId)
        .firstResult();
  }

  /**
   * The sentAt of the customer's oldest message after {@code after}: when the conversation started
   * waiting again, or null when nothing is unanswered.
   */
  public Uni<Instant> oldestUnansweredAfter(UUID conversationId, Instant after) {
    return find(
            "conversationId = ?1 and direction = 'in' and kind <> 'reaction' and sentAt > ?2"
                + " order by sentAt, id",
            conversationId,
            after)
        .firstResult()
        .map(message -> message == null ? null : message.sentAt);
  }

  /**
   * Our replies to one customer on one inbox sent at or before {@code watermark} whose status may
   * still move forward.
   */
  public Uni<List<Message>> repliesUpTo(
      String workspaceId, String inboxId, String externalContactId, Instant watermark) {
    // Through the identity's conversations: the thread index then finds their replies.
    return list(
        "conversationId in (select c.id from Conversation c where c.workspaceId = ?1"
            + " and c.inboxId = ?2 and c.externalContactId = ?3) and direction = 'out'"
            + " and isPrivate = false and sentAt <= ?4 and status in ('pending', 'sent',"
            + " 'delivered') order by sentAt, id",
        workspaceId,
        inboxId,
        externalContactId,
        watermark);
  }

  /** One page of a conversation's thread in order, starting after the cursor when there is one. */
  public Uni<List<Message>> page(UUID conversationId, Instant afterSentAt, UUID afterId, int size) {
    if (afterSentAt == null) {
      return find("conversationId = ?1 order by sentAt, id", conversationId).page(0, size).list();
    }
    return find(
            "conversationId = ?1 and (sentAt > ?2 or (sentAt = ?2 and id > ?3))"
                + " order by sentAt, id",
            conversationId,
            afterSentAt,
            afterId)
        .page(0, size)
        .list();
  }
}
