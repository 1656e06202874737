package io.tutti.conversations.conversation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How far each agent has read each conversation, as a count of the customer's messages seen: the
 * unread count is the conversation's inbound count minus it, whatever order messages arrived in.
 */
@ApplicationScoped
public class ReadMarkers {

  /** The agent has seen every customer message the conversation has now. */
  public Uni<Void> markRead(Conversation conversation, String agentId, Instant at) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into conversation_read (conversation_id, agent_id, inbound_seen,"
                            + " read_at) values (:conversation, :agent, :seen, :at) on conflict"
                            + " (conversation_id, agent_id) do update set inbound_seen ="
                            + " greatest(conversation_read.inbound_seen, excluded.inbound_seen),"
                            + " read_at = excluded.read_at")
                    .setParameter("conversation", conversation.id)
                    .setParameter("agent", agentId)
                    .setParameter("seen", conversation.inboundCount)
                    .setParameter("at", at)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** Unread customer messages per conversation for one agent. */
  public Uni<Map<UUID, Integer>> unread(List<Conversation> conversations, String agentId) {
    if (conversations.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    List<UUID> ids = conversations.stream().map(c -> c.id).toList();
    return Panache.getSession()
        .chain(
            session ->
                session
                    .<Object[]>createNativeQuery(
                        "select conversation_id, inbound_seen from conversation_read"
                            + " where agent_id = :agent and conversation_id in (:ids)")
                    .setParameter("agent", agentId)
                    .setParameter("ids", ids)
                    .getResultList())
        .map(
            rows -> {
              Map<UUID, Integer> seen = new HashMap<>();
              for (Object[] row : rows) {
                seen.put((UUID) row[0], ((Number) row[1]).intValue());
              }
              Map<UUID, Integer> unread = new HashMap<>();
              for (Conversation c : conversations) {
                unread.put(c.id, Math.max(0, c.inboundCount - seen.getOrDefault(c.id, 0)));
              }
              return unread;
            });
  }
}
