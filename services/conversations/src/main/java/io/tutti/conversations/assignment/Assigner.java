package io.tutti.conversations.assignment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.activity.Activity;
import io.tutti.conversations.activity.ActivityLog;
import io.tutti.conversations.agent.Agent;
import io.tutti.conversations.agent.AgentRepository;
import io.tutti.conversations.agent.Presence;
import io.tutti.conversations.agent.Skills;
import io.tutti.conversations.config.AssignmentConfig;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.messaging.ConversationEvents;
import io.tutti.conversations.team.Team;
import io.tutti.conversations.team.TeamRepository;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Gives conversations to agents. An automatic strategy picks among the team's members who are
 * present, have the skills and are under capacity (open and pending conversations, in all and on
 * the conversation's channel); when nobody can take it, the conversation waits in the team's queue
 * (team set, no agent) until {@link TeamQueues} serves it.
 *
 * <p>Correct across replicas by row locks, never by memory: the team row is locked first (it also
 * holds round robin's place), then its members in id order, and loads are counted under those
 * locks, so two conversations can never both take an agent's last slot.
 */
@ApplicationScoped
public class Assigner implements Assignments {

  private final TeamRepository teams;
  private final AgentRepository agents;
  private final Presence presence;
  private final ActivityLog activity;
  private final ConversationEvents events;
  private final AssignmentSignals signals;
  private final AssignmentConfig config;
  private final AssignmentMetrics metrics;

  public Assigner(
      TeamRepository teams,
      AgentRepository agents,
      Presence presence,
      ActivityLog activity,
      ConversationEvents events,
      AssignmentSignals signals,
      AssignmentConfig config,
      AssignmentMetrics metrics) {
    this.teams = teams;
    this.agents = agents;
    this.presence = presence;
    this.activity = activity;
    this.events = events;
    this.signals = signals;
    this.config = config;
    this.metrics = metrics;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The current agent, if any, counts like every member (their load leaves this conversation
   * out), so the conversation may stay with them or move. Only an open or pending conversation gets
   * an agent here; a snoozed or resolved one gets the team and, without an agent, waits until it
   * opens again. With the manual strategy the conversation only changes team.
   *
   * @throws io.tutti.web.problem.ProblemException 400 when the workspace has no such team
   * @throws IllegalArgumentException for a strategy that is not one
   */
  @Override
  public Uni<Assigned> toTeam(
      Conversation conversation,
      UUID teamId,
      String strategy,
      Set<String> requiredSkills,
      String by,
      String reason) {
    Strategy requested =
        strategy == null
            ? null
            : Strategy.of(strategy.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new IllegalArgumentException("no strategy " + strategy));
    Instant now = presence.now();
    return teams
        .lock(teamId)
        .invoke(
            team -> {
              if (team == null || !team.workspaceId.equals(conversation.workspaceId)) {
                throw Problem.validation(
                        List.of(
                            new Problem.FieldError("teamId", "names no team of your workspace")))
                    .exception();
              }
            })
        .chain(
            team -> {
              Conversation c = conversation;
              c.assignmentStrategy = requested == null ? null : requested.id();
              c.requiredSkills = new ArrayList<>(Skills.normalise(requiredSkills));
              Strategy effective = effective(c, team);
              Map<String, Object> why = why(effective, reason);
              if (!effective.automatic()) {
                c.queuedAt = null;
                return settle(c, team, c.assigneeId, why, by, now);
              }
              if (!c.active()) {
                if (c.assigneeId == null && c.queuedAt == null) {
                  c.queuedAt = now;
                }
                return settle(c, team, c.assigneeId, why, by, now);
              }
              return pool(team, c.id, now)
                  .chain(
                      pool ->
                          stickyAgent(c, effective)
                              .chain(
                                  sticky -> {
                                    // Never straight back to an agent who let it wait.
                                    Pool.Pick pick =
                                        pool.pick(c, effective, c.noReplyAgentId, sticky);
                                    if (pick == null) {
                                      if (c.queuedAt == null || c.assigneeId != null) {
                                        c.queuedAt = now;
                                      }
                                      return settle(c, team, null, why, by, now);
                                    }
                                    pool.took(pick, c);
                                    return settle(
                                        c,
                                        team,
                                        pick.agent().id(),
                                        why(pick, reason, effective),
                                        by,
                                        now);
                                  }));
            });
  }

  /** {@inheritDoc} An agent the workspace does not know yet gets a record, as not signed in. */
  @Override
  public Uni<Assigned> toAgent(
      Conversation conversation, String agentId, String by, String reason) {
    Instant now = presence.now();
    Map<String, Object> why = new LinkedHashMap<>();
    if (reason != null) {
      why.put("reason", reason);
    }
    return agents
        .ensure(conversation.workspaceId, List.of(agentId), config.defaultCapacity(), now)
        // Locked like any assignment, so a pick counting this agent's load waits for this one.
        .chain(() -> agents.lock(conversation.workspaceId, agentId))
        // Routing rules name agents this way; people assign through ConversationService.
        .chain(agent -> settle(conversation, null, agentId, why, by, now, AssignmentMetrics.RULE));
  }

  /** The strategy that decides for the conversation: the routing's choice, else the team's. */
  static Strategy effective(Conversation c, Team team) {
    String id = c.assignmentStrategy != null ? c.assignmentStrategy : team.strategy;
    return Strategy.of(id).orElse(Strategy.MANUAL);
  }

  /**
   * The team's members, locked, with their loads (leaving out {@code except}, the conversation
   * being assigned). The caller holds the team's lock.
   */
  Uni<Pool> pool(Team team, UUID except, Instant now) {
    return agents
        .lockMembers(team.workspaceId, team.id)
        .chain(
            members ->
                agents
                    .loads(team.workspaceId, members.stream().map(a -> a.id()).toList(), except)
                    .map(loads -> new Pool(team, members, loads, presence, now)));
  }

  /**
   * The agent who last helped the contact: the assignee of their latest conversation that had one,
   * by contact, or by the identity (channel and customer id) while profiles has not resolved it.
   */
  Uni<String> stickyAgent(Conversation c, Strategy strategy) {
    if (strategy != Strategy.STICKY) {
      return Uni.createFrom().nullItem();
    }
    String sql =
        c.contactId != null
            ? "select assignee_id from conversation where workspace_id = :workspace and contact_id"
                + " = :contact and assignee_id is not null order by last_message_at desc, id desc"
                + " limit 1"
            : "select assignee_id from conversation where workspace_id = :workspace and"
                + " external_contact_id = :external and channel = :channel and assignee_id is not"
                + " null order by last_message_at desc, id desc limit 1";
    return Panache.getSession()
        .chain(
            session -> {
              var query =
                  session.<String>createNativeQuery(sql).setParameter("workspace", c.workspaceId);
              if (c.contactId != null) {
                query.setParameter("contact", c.contactId);
              } else {
                query
                    .setParameter("external", c.externalContactId)
                    .setParameter("channel", c.channel);
              }
              return query.getResultList();
            })
        .map(found -> found.isEmpty() ? null : found.getFirst());
  }

  /**
   * Gives the conversation to the team (null: keeps its team) and the agent (null: nobody), records
   * each change with why, announces it, and signals the queues of an agent it was taken from, who
   * has room again.
   */
  Uni<Assigned> settle(
      Conversation c, Team team, String agentId, Map<String, Object> why, String by, Instant now) {
    return settle(c, team, agentId, why, by, now, AssignmentMetrics.AUTOMATIC);
  }

  private Uni<Assigned> settle(
      Conversation c,
      Team team,
      String agentId,
      Map<String, Object> why,
      String by,
      Instant now,
      String how) {
    if (agentId == null || agentId.equals(c.assigneeId)) {
      return settle(c, team, agentId, null, why, by, now, how);
    }
    return agents
        .findInWorkspace(c.workspaceId, agentId)
        .chain(agent -> settle(c, team, agentId, shownName(agent, agentId), why, by, now, how));
  }

  private Uni<Assigned> settle(
      Conversation c,
      Team team,
      String agentId,
      String agentName,
      Map<String, Object> why,
      String by,
      Instant now,
      String how) {
    UUID teamBefore = c.teamId;
    String agentBefore = c.assigneeId;
    List<String> changed = new ArrayList<>();
    List<Uni<Void>> records = new ArrayList<>();
    if (team != null && !team.id.equals(teamBefore)) {
      Map<String, Object> details = ActivityLog.change(text(teamBefore), team.id.toString());
      details.putAll(why);
      boolean waiting = agentId == null && c.queuedAt != null;
      if (waiting) {
        details.put("waiting", true);
      }
      summarize(
          details,
          (waiting ? "waiting in " + team.name + "'s queue" : "routed to " + team.name),
          why);
      records.add(activity.record(c, Activity.TEAM_CHANGED, by, details, now));
      c.teamId = team.id;
      changed.add("team");
    }
    if (!Objects.equals(agentBefore, agentId)) {
      Map<String, Object> details = ActivityLog.change(agentBefore, agentId);
      details.putAll(why);
      if (agentName != null) {
        summarize(details, "assigned to " + agentName, why);
      }
      records.add(activity.record(c, Activity.ASSIGNEE_CHANGED, by, details, now));
      if (agentBefore == null) {
        metrics.assigned(c, how, now);
      }
      c.assigneeId = agentId;
      c.assignedAt = agentId == null ? null : now;
      changed.add("assignee");
    }
    if (agentId != null) {
      c.queuedAt = null;
      c.noReplyAgentId = null;
    }
    Assigned assigned = new Assigned(c.teamId, c.assigneeId);
    if (changed.isEmpty()) {
      return Uni.createFrom().item(assigned);
    }
    c.updatedAt = now;
    // One after the other: a reactive session runs one statement at a time.
    return Multi.createFrom()
        .iterable(records)
        .onItem()
        .transformToUniAndConcatenate(record -> record)
        .collect()
        .asList()
        .chain(() -> events.updated(c, changed, by, null))
        .chain(
            () ->
                agentBefore != null && !agentBefore.equals(agentId)
                    ? signals.agentTeams(c.workspaceId, agentBefore)
                    : Uni.createFrom().voidItem())
        .replaceWith(assigned);
  }

  /** A sentence for people: "routed to Sales by rule 'Ad leads'". */
  private static void summarize(Map<String, Object> details, String what, Map<String, Object> why) {
    Object reason = why.get("reason");
    details.put("summary", reason == null ? what : what + " by " + reason);
  }

  private static String shownName(Agent agent, String agentId) {
    if (agent == null) {
      return agentId;
    }
    if (agent.username != null && !agent.username.isBlank()) {
      return agent.username;
    }
    return agent.name != null && !agent.name.isBlank() ? agent.name : agentId;
  }

  /** Why the conversation went where it did, for its activity. */
  static Map<String, Object> why(Strategy strategy, String reason) {
    Map<String, Object> why = new LinkedHashMap<>();
    why.put("strategy", strategy.id());
    if (reason != null) {
      why.put("reason", reason);
    }
    return why;
  }

  /** The same, naming the fallback when a sticky team's fallback decided. */
  static Map<String, Object> why(Pool.Pick pick, String reason, Strategy asked) {
    Map<String, Object> why = why(asked, reason);
    if (pick.by() != asked) {
      why.put("fallback", pick.by().id());
    }
    return why;
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }
}
