package io.tutti.conversations.assignment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.activity.Activity;
import io.tutti.conversations.agent.AgentRepository;
import io.tutti.conversations.agent.Presence;
import io.tutti.conversations.config.AssignmentConfig;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.conversation.ConversationRepository;
import io.tutti.conversations.message.MessageService;
import io.tutti.conversations.team.Team;
import io.tutti.conversations.team.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Takes a conversation from an agent who leaves its customer waiting: open, the customer waiting,
 * no reply from the agent since they got it, for longer than the team's {@code noReplyMinutes}
 * (counted from the later of the customer's message and the assignment). It goes to another
 * eligible member by the team's strategy (least loaded for a manual team), or back to the team's
 * queue, where it is not given back to the same agent; the team lead is told in a private note.
 *
 * <p>One conversation per transaction, taken with {@code SKIP LOCKED}, so replicas share the work
 * and the locks stay in the order every assignment takes them.
 */
@ApplicationScoped
public class NoReplyWatch {

  static final String AUTHOR = "Tutti";

  private final ConversationRepository conversations;
  private final TeamRepository teams;
  private final AgentRepository agents;
  private final Assigner assigner;
  private final MessageService messages;
  private final Presence presence;
  private final AssignmentConfig config;

  public NoReplyWatch(
      ConversationRepository conversations,
      TeamRepository teams,
      AgentRepository agents,
      Assigner assigner,
      MessageService messages,
      Presence presence,
      AssignmentConfig config) {
    this.conversations = conversations;
    this.teams = teams;
    this.agents = agents;
    this.assigner = assigner;
    this.messages = messages;
    this.presence = presence;
    this.config = config;
  }

  /** Re-assigns the conversations due, at most a batch; how many. */
  public Uni<Integer> reassignDue() {
    return Uni.createFrom()
        .deferred(() -> Panache.withTransaction(this::reassignOne))
        .repeat()
        .whilst(reassigned -> reassigned)
        .select()
        .first(config.noReplyBatchSize())
        .collect()
        .with(Collectors.summingInt(reassigned -> reassigned ? 1 : 0));
  }

  private Uni<Boolean> reassignOne() {
    Instant now = presence.now();
    return Panache.getSession()
        .chain(
            session ->
                session
                    .<UUID>createNativeQuery(
                        "select c.id from conversation c join team t on t.id = c.team_id where"
                            + " c.status = 'open' and c.assignee_id is not null and"
                            + " c.waiting_since is not null and c.assigned_at is not null and"
                            + " t.no_reply_minutes is not null and (c.last_reply_at is null or"
                            + " c.last_reply_at < c.assigned_at) and greatest(c.waiting_since,"
                            + " c.assigned_at) <= cast(:now as timestamptz) -"
                            + " make_interval(mins => t.no_reply_minutes) order by c.assigned_at,"
                            + " c.id limit 1 for update of c skip locked")
                    .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .getResultList())
        .chain(
            ids ->
                ids.isEmpty()
                    ? Uni.createFrom().item(false)
                    : conversations
                        .findById(ids.getFirst())
                        .chain(c -> teams.lock(c.teamId).chain(team -> reassign(c, team, now)))
                        .replaceWith(true));
  }

  private Uni<Void> reassign(Conversation c, Team team, Instant now) {
    String previous = c.assigneeId;
    Strategy own = Assigner.effective(c, team);
    Strategy strategy = own.automatic() ? own : Strategy.LEAST_LOADED;
    String reason = "no reply for " + team.noReplyMinutes + " minutes";
    return assigner
        .pool(team, c.id, now)
        .chain(
            pool ->
                assigner
                    .stickyAgent(c, strategy)
                    .chain(
                        sticky -> {
                          Pool.Pick pick = pool.pick(c, strategy, previous, sticky);
                          Map<String, Object> why;
                          String next;
                          if (pick == null) {
                            c.queuedAt = now;
                            c.noReplyAgentId = previous;
                            why = Assigner.why(strategy, reason);
                            next = null;
                          } else {
                            pool.took(pick, c);
                            why = Assigner.why(pick, reason, strategy);
                            next = pick.agent().id();
                          }
                          if (team.leadId != null) {
                            why.put("leadId", team.leadId);
                          }
                          return assigner
                              .settle(c, team, next, why, Activity.BY_SYSTEM, now)
                              .chain(() -> tellLead(c, team, previous, next, now));
                        }));
  }

  /**
   * A private note for the team lead (and whoever looks at the conversation) saying what happened.
   */
  private Uni<Void> tellLead(Conversation c, Team team, String previous, String next, Instant now) {
    return name(c.workspaceId, team.leadId)
        .chain(
            lead ->
                name(c.workspaceId, previous)
                    .chain(
                        from ->
                            name(c.workspaceId, next)
                                .map(
                                    to ->
                                        (lead == null ? "" : "@" + lead + ": ")
                                            + from
                                            + " did not reply to the waiting customer within "
                                            + team.noReplyMinutes
                                            + " minutes, so "
                                            + (to == null
                                                ? "the conversation waits in the "
                                                    + team.name
                                                    + " queue for another agent."
                                                : to + " has it now."))))
        .chain(text -> messages.systemNote(c, Activity.BY_SYSTEM, AUTHOR, text, now))
        .replaceWithVoid();
  }

  /** The agent's name, or their id when the workspace has no record of them; null for nobody. */
  private Uni<String> name(String workspaceId, String agentId) {
    if (agentId == null) {
      return Uni.createFrom().nullItem();
    }
    return agents
        .findInWorkspace(workspaceId, agentId)
        .map(agent -> agent == null ? agentId : agent.displayName());
  }
}
