package io.tutti.connectors.deadletter;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeadLetterRepository implements PanacheRepositoryBase<DeadLetter, UUID> {

  /** The workspace's dead letters, newest first; {@code open} only those not replayed yet. */
  public Uni<List<DeadLetter>> list(String workspaceId, Boolean open, int limit) {
    String query =
        open == null
            ? "workspaceId = ?1 order by deadAt desc, id desc"
            : open
                ? "workspaceId = ?1 and replayedAt is null order by deadAt desc, id desc"
                : "workspaceId = ?1 and replayedAt is not null order by deadAt desc, id desc";
    return find(query, workspaceId).range(0, limit - 1).list();
  }

  public Uni<DeadLetter> findInWorkspace(String workspaceId, UUID id) {
    return find("workspaceId = ?1 and id = ?2", workspaceId, id).firstResult();
  }
}
