package io.tutti.conversations.assignment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.Conversation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * Says, in the transaction of a change, that a team's queue may now have an agent for a waiting
 * conversation: an agent freed capacity, came online, got more capacity or joined. It is a
 * PostgreSQL {@code NOTIFY}, which the database delivers only when the transaction commits and to
 * every replica's {@link TeamQueueListener}, so whoever changed what (a request, an event, another
 * module's transaction) the queue is served right after the change is visible, and never for a
 * change that was rolled back. A signal lost to a dropped connection is made up for by the
 * scheduler's pass over every queue.
 */
@ApplicationScoped
public class AssignmentSignals {

  /** The notification channel; each payload is a team id. */
  public static final String CHANNEL = "tutti_assignment";

  /** The queues of every team of the agent. */
  public Uni<Void> agentTeams(String workspaceId, String agentId) {
    return notify(
        "select count(pg_notify(:channel, cast(team_id as text))) from team_member where"
            + " workspace_id = :workspace and agent_id = :agent",
        Map.of("workspace", workspaceId, "agent", agentId));
  }

  /**
   * A conversation resolved or snoozed (by an agent or a rule) frees its agent for their teams'
   * queues; one waiting in a queue that opens again is for its team's agents to take.
   */
  public Uni<Void> statusChanged(Conversation c, boolean activeBefore) {
    if (activeBefore && !c.active() && c.assigneeId != null) {
      return agentTeams(c.workspaceId, c.assigneeId);
    }
    if (!activeBefore && c.active() && c.assigneeId == null && c.queuedAt != null) {
      return team(c.teamId);
    }
    return Uni.createFrom().voidItem();
  }

  /** The queue of one team. */
  public Uni<Void> team(UUID teamId) {
    return notify(
        "select count(pg_notify(:channel, cast(id as text))) from team where id = :team",
        Map.of("team", teamId));
  }

  /** The queues of every team of the workspace. */
  public Uni<Void> workspace(String workspaceId) {
    return notify(
        "select count(pg_notify(:channel, cast(id as text))) from team where workspace_id ="
            + " :workspace",
        Map.of("workspace", workspaceId));
  }

  private static Uni<Void> notify(String sql, Map<String, Object> parameters) {
    return Panache.getSession()
        .chain(
            session -> {
              var query = session.createNativeQuery(sql).setParameter("channel", CHANNEL);
              parameters.forEach(query::setParameter);
              return query.getSingleResult();
            })
        .replaceWithVoid();
  }
}
