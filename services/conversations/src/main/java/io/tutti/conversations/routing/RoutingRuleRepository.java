package io.tutti.conversations.routing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RoutingRuleRepository implements PanacheRepositoryBase<RoutingRule, UUID> {

  /** Advisory lock key space of routing rules; the second key is the workspace's hash. */
  private static final int LOCK_SPACE = 7201;

  public Uni<List<RoutingRule>> listByWorkspace(String workspaceId) {
    return list("workspaceId = ?1 order by position, id", workspaceId);
  }

  public Uni<RoutingRule> findInWorkspace(String workspaceId, UUID id) {
    return find("workspaceId = ?1 and id = ?2", workspaceId, id).firstResult();
  }

  /** The enabled rules of one trigger, in the order they run. */
  public Uni<List<RoutingRule>> enabledFor(String workspaceId, Trigger trigger) {
    return list(
        "workspaceId = ?1 and trigger = ?2 and enabled = true order by position, id",
        workspaceId,
        trigger.id());
  }

  /**
   * Serialises changes to the order of a workspace's rules until the transaction ends, also when
   * the workspace has no rule yet to lock.
   */
  public Uni<Void> lockOrder(String workspaceId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select 1 from (select pg_advisory_xact_lock(:space,"
                            + " hashtext(:workspace))) as locked")
                    .setParameter("space", LOCK_SPACE)
                    .setParameter("workspace", workspaceId)
                    .getSingleResult())
        .replaceWithVoid();
  }
}
