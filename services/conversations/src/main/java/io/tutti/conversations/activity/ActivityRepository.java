package io.tutti.conversations.activity;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ActivityRepository implements PanacheRepositoryBase<Activity, UUID> {

  /** A page of a conversation's activity, newest first, after the cursor when there is one. */
  public Uni<List<Activity>> page(UUID conversationId, Instant beforeAt, UUID beforeId, int size) {
    if (beforeAt == null) {
      return find("conversationId = ?1 order by at desc, id desc", conversationId)
          .page(0, size)
          .list();
    }
    return find(
            "conversationId = ?1 and (at < ?2 or (at = ?2 and id < ?3)) order by at desc, id desc",
            conversationId,
            beforeAt,
            beforeId)
        .page(0, size)
        .list();
  }
}
