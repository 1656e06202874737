package io.tutti.connectors.outbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OutboundMessageRepository implements PanacheRepositoryBase<OutboundMessage, UUID> {

  /**
   * Records a reply unless the workspace's message id is known already.
   *
   * @return true when it was recorded now, false for a command seen before
   */
  public Uni<Boolean> recordOnce(OutboundMessage message) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into outbound_message (id, workspace_id, message_id,"
                            + " conversation_id, inbox_id, channel, recipient, command, event_id,"
                            + " correlation_id, requested_at, state, attempts, next_attempt_at,"
                            + " parts_sent, traceparent, tracestate) values (:id, :workspace,"
                            + " :message, :conversation, :inbox, :channel, :recipient, :command,"
                            + " :event, :correlation, :requested, :state, 0, :next, 0,"
                            + " :traceparent, :tracestate) on conflict (workspace_id, message_id)"
                            + " do nothing")
                    .setParameter("id", message.id)
                    .setParameter("workspace", message.workspaceId)
                    .setParameter("message", message.messageId)
                    .setParameter("conversation", message.conversationId)
                    .setParameter("inbox", message.inboxId)
                    .setParameter("channel", message.channel)
                    .setParameter("recipient", message.recipient)
                    .setParameter("command", message.command)
                    .setParameter("event", message.eventId)
                    .setParameter("correlation", message.correlationId)
                    .setParameter("requested", message.requestedAt)
                    .setParameter("state", message.state)
                    .setParameter("next", message.nextAttemptAt)
                    .setParameter("traceparent", message.traceparent)
                    .setParameter("tracestate", message.tracestate)
                    .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  /**
   * Locks the due replies of a pass, skipping rows another replica holds. A reply waits while an
   * earlier one to the same customer on the same inbox is still on its way, so a customer reads the
   * agent's messages in the order they were written.
   */
  public Uni<List<OutboundMessage>> lockDue(int size) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select * from outbound_message m where m.state = 'queued' and"
                            + " m.next_attempt_at <= now() and not exists (select 1 from"
                            + " outbound_message e where e.inbox_id = m.inbox_id and e.recipient ="
                            + " m.recipient and e.state in ('queued', 'sending') and"
                            + " (e.requested_at, e.id) < (m.requested_at, m.id)) order by"
                            + " m.next_attempt_at, m.requested_at limit :size for update of m skip"
                            + " locked",
                        OutboundMessage.class)
                    .setParameter("size", size)
                    .getResultList());
  }

  /** Sends whose lease ran out: the process sending them stopped. */
  public Uni<List<OutboundMessage>> lockExpiredLeases(Instant now, int size) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select * from outbound_message where state = 'sending' and lease_until <"
                            + " :now order by lease_until limit :size for update skip locked",
                        OutboundMessage.class)
                    .setParameter("now", now)
                    .setParameter("size", size)
                    .getResultList());
  }

  /** Website chat replies stored for a visitor, oldest first. */
  public Uni<List<OutboundMessage>> lockAwaiting(UUID inboxId, String visitorId, int size) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select * from outbound_message where state = 'awaiting_visitor' and"
                            + " inbox_id = :inbox and recipient = :visitor order by requested_at,"
                            + " id limit :size for update skip locked",
                        OutboundMessage.class)
                    .setParameter("inbox", inboxId)
                    .setParameter("visitor", visitorId)
                    .setParameter("size", size)
                    .getResultList());
  }

  /** The visitors with website chat replies waiting since {@code since}. */
  public Uni<List<Object[]>> awaitingVisitors(Instant since, int size) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select distinct inbox_id, recipient from outbound_message where state ="
                            + " 'awaiting_visitor' and requested_at >= :since limit :size",
                        Object[].class)
                    .setParameter("since", since)
                    .setParameter("size", size)
                    .getResultList());
  }

  public Uni<OutboundMessage> findByMessageId(String workspaceId, String messageId) {
    return find("workspaceId = ?1 and messageId = ?2", workspaceId, messageId).firstResult();
  }
}
