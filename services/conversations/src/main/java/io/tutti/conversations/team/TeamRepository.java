package io.tutti.conversations.team;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TeamRepository implements PanacheRepositoryBase<Team, UUID> {

  public Uni<List<Team>> listByWorkspace(String workspaceId) {
    return list("workspaceId = ?1 order by lower(name), id", workspaceId);
  }

  public Uni<Team> findInWorkspace(String workspaceId, UUID id) {
    return find("workspaceId = ?1 and id = ?2", workspaceId, id).firstResult();
  }

  /** Another team of the workspace with this name in any case, or null. */
  public Uni<Team> findByName(String workspaceId, String name) {
    return find("workspaceId = ?1 and lower(name) = lower(?2)", workspaceId, name).firstResult();
  }
}
