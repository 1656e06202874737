package io.tutti.conversations.contact;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.message.Message;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The latest messages of many conversations at once. */
@ApplicationScoped
public class RecentMessages {

  static final int PER_CONVERSATION = 3;

  /*
   * One query for the whole page. A lateral join reads each conversation's thread index backwards
   * and stops after three rows, where row_number() over the partition would number every message
   * of a long thread first.
   */
  private static final String LATEST =
      "select m.* from conversation c cross join lateral (select * from message t"
          + " where t.conversation_id = c.id order by t.sent_at desc, t.id desc limit "
          + PER_CONVERSATION
          + ") m where c.id in (:ids) order by m.conversation_id, m.sent_at desc, m.id desc";

  /** Each conversation's latest messages, newest first; in the caller's session. */
  public Uni<Map<UUID, List<RecentMessage>>> of(Collection<UUID> conversationIds) {
    if (conversationIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(LATEST, Message.class)
                    .setParameter("ids", List.copyOf(conversationIds))
                    .getResultList())
        .map(
            found -> {
              Map<UUID, List<RecentMessage>> byConversation = new HashMap<>();
              for (Message m : found) {
                byConversation
                    .computeIfAbsent(m.conversationId, id -> new ArrayList<>())
                    .add(RecentMessage.of(m));
              }
              return byConversation;
            });
  }
}
