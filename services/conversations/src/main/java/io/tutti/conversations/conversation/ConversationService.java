package io.tutti.conversations.conversation;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.activity.Activity;
import io.tutti.conversations.activity.ActivityLog;
import io.tutti.conversations.agent.AgentRepository;
import io.tutti.conversations.assignment.Assigner;
import io.tutti.conversations.assignment.AssignmentMetrics;
import io.tutti.conversations.assignment.AssignmentSignals;
import io.tutti.conversations.assignment.Strategy;
import io.tutti.conversations.messaging.ConversationEvents;
import io.tutti.conversations.routing.RoutingEngine;
import io.tutti.conversations.team.Team;
import io.tutti.conversations.team.TeamService;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What agents do to a conversation: look at it, assign it, change its status, label it. Each change
 * runs the workspace's {@code conversation_updated} routing rules in its transaction.
 */
@ApplicationScoped
public class ConversationService {

  private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.\\-]{0,49}");
  private static final int MAX_OTHER_CONVERSATIONS = 50;

  private final ConversationRepository conversations;
  private final ConversationAccess access;
  private final ReadMarkers reads;
  private final ActivityLog activity;
  private final ConversationEvents events;
  private final TeamService teams;
  private final AgentRepository agents;
  private final Assigner assigner;
  private final AssignmentSignals signals;
  private final RoutingEngine routing;
  private final AssignmentMetrics assignmentMetrics;

  public ConversationService(
      ConversationRepository conversations,
      ConversationAccess access,
      ReadMarkers reads,
      ActivityLog activity,
      ConversationEvents events,
      TeamService teams,
      AgentRepository agents,
      Assigner assigner,
      AssignmentSignals signals,
      RoutingEngine routing,
      AssignmentMetrics assignmentMetrics) {
    this.conversations = conversations;
    this.access = access;
    this.reads = reads;
    this.activity = activity;
    this.events = events;
    this.teams = teams;
    this.agents = agents;
    this.assigner = assigner;
    this.signals = signals;
    this.routing = routing;
    this.assignmentMetrics = assignmentMetrics;
  }

  /**
   * A change of assignment; a field left out of the request keeps its value, one sent as null
   * clears it.
   */
  public record Assignment(
      boolean setsAssignee, String assigneeId, boolean setsTeam, UUID teamId) {}

  @WithSession
  public Uni<ConversationDetail> get(Viewer viewer, UUID id) {
    return access.visible(viewer, id).chain(c -> detail(viewer, c));
  }

  /**
   * Assigns as the request says. A conversation that goes to a team with an automatic strategy and
   * is left without an agent gets one by the team's strategy (or waits in its queue).
   */
  @WithTransaction
  public Uni<ConversationDetail> assign(Viewer viewer, UUID id, Assignment assignment) {
    Instant now = now();
    return requireTeam(viewer, assignment)
        .chain(
            team ->
                access
                    .visibleForUpdate(viewer, id)
                    .call(
                        c ->
                            automatic(team, c, assignment)
                                ? assigner.toTeam(
                                    c, team.id, null, Set.of(), viewer.agentId(), null)
                                : assignByHand(viewer, c, assignment, now)))
        .chain(c -> detail(viewer, c));
  }

  /** Whether the team's strategy picks the agent: it gets the conversation, and nobody has it. */
  private static boolean automatic(Team team, Conversation c, Assignment assignment) {
    if (team == null || Strategy.of(team.strategy).filter(Strategy::automatic).isEmpty()) {
      return false;
    }
    return assignment.setsAssignee() ? assignment.assigneeId() == null : c.assigneeId == null;
  }

  private Uni<Void> assignByHand(
      Viewer viewer, Conversation c, Assignment assignment, Instant now) {
    List<String> changed = new ArrayList<>();
    List<Uni<Void>> records = new ArrayList<>();
    String assigneeBefore = c.assigneeId;
    if (assignment.setsAssignee() && !Objects.equals(c.assigneeId, assignment.assigneeId())) {
      records.add(
          activity.record(
              c,
              Activity.ASSIGNEE_CHANGED,
              viewer.agentId(),
              ActivityLog.change(c.assigneeId, assignment.assigneeId()),
              now));
      if (c.assigneeId == null) {
        assignmentMetrics.assigned(c, AssignmentMetrics.MANUAL, now);
      }
      c.assigneeId = assignment.assigneeId();
      c.assignedAt = c.assigneeId == null ? null : now;
      c.noReplyAgentId = null;
      if (c.assigneeId != null) {
        c.queuedAt = null;
      }
      changed.add("assignee");
    }
    if (assignment.setsTeam() && !Objects.equals(c.teamId, assignment.teamId())) {
      records.add(
          activity.record(
              c,
              Activity.TEAM_CHANGED,
              viewer.agentId(),
              ActivityLog.change(text(c.teamId), text(assignment.teamId())),
              now));
      c.teamId = assignment.teamId();
      // What the routing asked of the old team's agents does not follow it.
      c.queuedAt = null;
      c.assignmentStrategy = null;
      c.requiredSkills = new ArrayList<>();
      changed.add("team");
    }
    // The new agent's row is locked like in any assignment, so a pick counting their load waits.
    Uni<Void> lock =
        c.assigneeId != null && !c.assigneeId.equals(assigneeBefore)
            ? agents.lock(c.workspaceId, c.assigneeId).replaceWithVoid()
            : Uni.createFrom().voidItem();
    return lock.chain(() -> changed(c, changed, records, viewer, now))
        .chain(
            () ->
                assigneeBefore != null && !assigneeBefore.equals(c.assigneeId)
                    ? signals.agentTeams(c.workspaceId, assigneeBefore)
                    : Uni.createFrom().voidItem());
  }

  @WithTransaction
  public Uni<ConversationDetail> changeStatus(Viewer viewer, UUID id, StatusRequest request) {
    Instant now = now();
    Status target = status(request.status());
    Instant snoozeUntil = snoozeUntil(target, request.snoozeUntil(), now);
    return access
        .visibleForUpdate(viewer, id)
        .call(
            c -> {
              if (c.is(target) && Objects.equals(c.snoozeUntil, snoozeUntil)) {
                return Uni.createFrom().voidItem();
              }
              return (c.is(Status.RESOLVED) && target != Status.RESOLVED
                      ? requireNoOtherActive(c)
                      : Uni.createFrom().voidItem())
                  .chain(
                      () -> {
                        Map<String, Object> details = ActivityLog.change(c.status, target.id());
                        if (snoozeUntil != null) {
                          details.put("snoozeUntil", snoozeUntil);
                        }
                        if (target == Status.RESOLVED) {
                          c.resolvedAt = now;
                          c.resolvedBy = viewer.agentId();
                        } else if (c.is(Status.RESOLVED)) {
                          c.resolvedAt = null;
                          c.resolvedBy = null;
                        }
                        Uni<Void> record =
                            activity.record(
                                c, Activity.STATUS_CHANGED, viewer.agentId(), details, now);
                        boolean activeBefore = c.active();
                        c.status = target.id();
                        c.snoozeUntil = snoozeUntil;
                        return changed(c, List.of("status"), List.of(record), viewer, now)
                            .chain(() -> signals.statusChanged(c, activeBefore));
                      });
            })
        .chain(c -> detail(viewer, c));
  }

  @WithTransaction
  public Uni<ConversationDetail> changePriority(Viewer viewer, UUID id, PriorityRequest request) {
    Instant now = now();
    Priority target =
        Priority.of(request.priority().strip().toLowerCase(Locale.ROOT))
            .orElseThrow(() -> invalid("priority", "must be one of " + Priority.ids()));
    return access
        .visibleForUpdate(viewer, id)
        .call(
            c -> {
              if (target.id().equals(c.priority)) {
                return Uni.createFrom().voidItem();
              }
              Uni<Void> record =
                  activity.record(
                      c,
                      Activity.PRIORITY_CHANGED,
                      viewer.agentId(),
                      ActivityLog.change(c.priority, target.id()),
                      now);
              c.priority = target.id();
              return changed(c, List.of("priority"), List.of(record), viewer, now);
            })
        .chain(c -> detail(viewer, c));
  }

  @WithTransaction
  public Uni<ConversationDetail> replaceLabels(Viewer viewer, UUID id, LabelsRequest request) {
    Instant now = now();
    List<String> labels = labels(request.labels());
    return access
        .visibleForUpdate(viewer, id)
        .call(
            c -> {
              if (labels.equals(c.labels)) {
                return Uni.createFrom().voidItem();
              }
              Map<String, Object> details = new LinkedHashMap<>();
              details.put("added", labels.stream().filter(l -> !c.labels.contains(l)).toList());
              details.put("removed", c.labels.stream().filter(l -> !labels.contains(l)).toList());
              Uni<Void> record =
                  activity.record(c, Activity.LABELS_CHANGED, viewer.agentId(), details, now);
              c.labels = new ArrayList<>(labels);
              return changed(c, List.of("labels"), List.of(record), viewer, now);
            })
        .chain(c -> detail(viewer, c));
  }

  /** The agent has seen every customer message of the conversation. */
  @WithTransaction
  public Uni<Void> markRead(Viewer viewer, UUID id) {
    return access.visible(viewer, id).chain(c -> reads.markRead(c, viewer.agentId(), now()));
  }

  private Uni<Void> changed(
      Conversation c, List<String> changed, List<Uni<Void>> records, Viewer viewer, Instant now) {
    if (changed.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    c.updatedAt = now;
    // One after the other: a reactive session runs one statement at a time.
    return Multi.createFrom()
        .iterable(records)
        .onItem()
        .transformToUniAndConcatenate(record -> record)
        .collect()
        .asList()
        .chain(() -> events.updated(c, changed, viewer.agentId(), null))
        // Only people's changes run conversation_updated rules: the rules' own never do.
        .chain(() -> routing.conversationUpdated(c, changed));
  }

  private Uni<ConversationDetail> detail(Viewer viewer, Conversation c) {
    Uni<List<Conversation>> others =
        c.contactId != null
            ? conversations.list(
                "workspaceId = ?1 and contactId = ?2 and id <> ?3 order by lastMessageAt desc, id"
                    + " desc",
                c.workspaceId,
                c.contactId,
                c.id)
            : conversations.list(
                "workspaceId = ?1 and channel = ?2 and externalContactId = ?3 and id <> ?4"
                    + " order by lastMessageAt desc, id desc",
                c.workspaceId,
                c.channel,
                c.externalContactId,
                c.id);
    return others
        .chain(found -> access.visibleAmong(viewer, found))
        .map(found -> found.stream().limit(MAX_OTHER_CONVERSATIONS).toList())
        .chain(
            visible -> {
              List<Conversation> all = new ArrayList<>(visible);
              all.add(c);
              return reads
                  .unread(all, viewer.agentId())
                  .map(
                      unread ->
                          ConversationDetail.of(
                              c,
                              unread.getOrDefault(c.id, 0),
                              visible.stream()
                                  .map(
                                      other ->
                                          ConversationSummary.of(
                                              other, unread.getOrDefault(other.id, 0)))
                                  .toList()));
            });
  }

  /** The team the request names, or null when it names none. */
  private Uni<Team> requireTeam(Viewer viewer, Assignment assignment) {
    if (!assignment.setsTeam() || assignment.teamId() == null) {
      return Uni.createFrom().nullItem();
    }
    return teams
        .find(viewer.workspaceId(), assignment.teamId())
        .invoke(
            team -> {
              if (team == null) {
                throw invalid("teamId", "names no team of your workspace");
              }
            });
  }

  /** A resolved conversation opens again only if the identity has no other open one. */
  private Uni<Void> requireNoOtherActive(Conversation c) {
    return conversations
        .lockActive(c.workspaceId, c.inboxId, c.externalContactId)
        .invoke(
            other -> {
              if (other != null) {
                throw new Problem(
                        Problem.type("conversation-conflict"),
                        "Another conversation is open",
                        409,
                        "The customer's conversation "
                            + other.id
                            + " on this inbox is not resolved; only one can be at a time.")
                    .exception();
              }
            })
        .replaceWithVoid();
  }

  private static Status status(String value) {
    return Status.of(value.strip().toLowerCase(Locale.ROOT))
        .orElseThrow(() -> invalid("status", "must be one of " + Status.ids()));
  }

  private static Instant snoozeUntil(Status target, Instant snoozeUntil, Instant now) {
    if (target != Status.SNOOZED) {
      if (snoozeUntil != null) {
        throw invalid("snoozeUntil", "is only allowed with status snoozed");
      }
      return null;
    }
    if (snoozeUntil == null) {
      throw invalid("snoozeUntil", "is required with status snoozed");
    }
    if (!snoozeUntil.isAfter(now)) {
      throw invalid("snoozeUntil", "must be in the future");
    }
    return snoozeUntil.truncatedTo(ChronoUnit.MICROS);
  }

  private static List<String> labels(List<String> requested) {
    List<Problem.FieldError> errors = new ArrayList<>();
    LinkedHashSet<String> labels = new LinkedHashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      Optional<String> label = label(requested.get(i));
      if (label.isEmpty()) {
        errors.add(
            new Problem.FieldError(
                "labels[" + i + "]",
                "must be 1 to 50 letters, digits, spaces, '-', '_' or '.', starting with a letter"
                    + " or digit"));
      } else {
        labels.add(label.get());
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors).exception();
    }
    return List.copyOf(labels);
  }

  /**
   * A label as conversations keep it (trimmed, single spaces, lower case), or empty when it is not
   * one: 1 to 50 letters, digits, spaces, '-', '_' or '.', starting with a letter or digit.
   */
  public static Optional<String> label(String requested) {
    String label = requested.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    return LABEL.matcher(label).matches() ? Optional.of(label) : Optional.empty();
  }

  static io.tutti.web.problem.ProblemException invalid(String field, String message) {
    return Problem.validation(List.of(new Problem.FieldError(field, message))).exception();
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
