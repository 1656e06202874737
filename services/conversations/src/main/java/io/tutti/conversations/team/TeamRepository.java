package io.tutti.conversations.team;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
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

  /**
   * The workspace's team, or null, locked until the transaction ends: a replacement of the team
   * deletes its members and writes them again, which two at once would do over each other.
   */
  public Uni<Team> lockInWorkspace(String workspaceId, UUID id) {
    return find("workspaceId = ?1 and id = ?2", workspaceId, id)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult();
  }

  /**
   * The team, locked until the transaction ends: every automatic assignment to the team runs under
   * this lock, which also keeps round robin's place.
   */
  public Uni<Team> lock(UUID id) {
    return findById(id, LockModeType.PESSIMISTIC_WRITE);
  }

  /** Another team of the workspace with this name in any case, or null. */
  public Uni<Team> findByName(String workspaceId, String name) {
    return find("workspaceId = ?1 and lower(name) = lower(?2)", workspaceId, name).firstResult();
  }
}
