package io.tutti.conversations.agent;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<Agent, Agent.Key> {

  public Uni<List<Agent>> listByWorkspace(String workspaceId) {
    return list(
        "key.workspaceId = ?1 order by lower(coalesce(name, username, key.id)), key.id",
        workspaceId);
  }

  public Uni<Agent> findInWorkspace(String workspaceId, String id) {
    return findById(new Agent.Key(workspaceId, id));
  }

  /**
   * The agent, locked until the transaction ends: their load is counted under this lock. A query,
   * not a find: the session may hold the agent already, and upgrading the lock of a loaded entity
   * with an embedded id is a statement Hibernate Reactive writes wrongly ({@code select key ...}).
   */
  public Uni<Agent> lock(String workspaceId, String id) {
    return find("key.workspaceId = ?1 and key.id = ?2", workspaceId, id)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult();
  }

  /**
   * The team's members, locked in id order (the one order every assignment locks agents in, so two
   * assignments never wait on each other in a circle).
   */
  public Uni<List<Agent>> lockMembers(String workspaceId, UUID teamId) {
    return find(
            "key.workspaceId = ?1 and key.id in (select m.key.agentId from TeamMember m where"
                + " m.key.teamId = ?2) order by key.id",
            workspaceId,
            teamId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .list();
  }

  /**
   * Records for the agents the workspace does not know yet, as not signed in (offline until Tutti
   * sees them), so an admin can configure them beforehand.
   */
  public Uni<Void> ensure(String workspaceId, Collection<String> ids, int capacity, Instant now) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into agent (workspace_id, id, availability, auto_offline, capacity,"
                            + " created_at, updated_at) select :workspace, agent_id, 'offline',"
                            + " true, :capacity, :now, :now from unnest(cast(:ids as text[])) as"
                            + " agent_id on conflict do nothing")
                    .setParameter("workspace", workspaceId)
                    .setParameter("capacity", capacity)
                    .setParameter("now", now)
                    .setParameter("ids", ids.toArray(String[]::new))
                    .executeUpdate())
        .replaceWithVoid();
  }

  /**
   * The open and pending conversations of each agent, leaving out {@code except} (the conversation
   * being assigned, which may be one of theirs already).
   */
  public Uni<Map<String, Load>> loads(String workspaceId, Collection<String> ids, UUID except) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(new HashMap<>());
    }
    return Panache.getSession()
        .chain(
            session ->
                session
                    .<Object[]>createNativeQuery(
                        "select assignee_id, channel, count(*) from conversation where workspace_id"
                            + " = :workspace and assignee_id in (:ids) and status in ('open',"
                            + " 'pending') and id <> :except group by assignee_id, channel")
                    .setParameter("workspace", workspaceId)
                    .setParameter("ids", List.copyOf(ids))
                    .setParameter("except", except == null ? new UUID(0, 0) : except)
                    .getResultList())
        .map(
            rows -> {
              Map<String, Load> loads = new HashMap<>();
              for (String id : ids) {
                loads.put(id, new Load());
              }
              for (Object[] row : rows) {
                loads
                    .computeIfAbsent((String) row[0], id -> new Load())
                    .add((String) row[1], ((Number) row[2]).intValue());
              }
              return loads;
            });
  }
}
