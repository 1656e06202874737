package io.tutti.conversations.team;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.agent.AgentRepository;
import io.tutti.conversations.agent.Skills;
import io.tutti.conversations.assignment.AssignmentSignals;
import io.tutti.conversations.assignment.Strategy;
import io.tutti.conversations.config.AssignmentConfig;
import io.tutti.events.UuidV7;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A workspace's teams: who is in them, how they share conversations and when they work. A member
 * the workspace does not know yet becomes an agent who has not signed in, for an admin to set up.
 */
@ApplicationScoped
public class TeamService {

  private final TeamRepository teams;
  private final TeamMemberRepository members;
  private final AgentRepository agents;
  private final AssignmentSignals signals;
  private final AssignmentConfig config;

  public TeamService(
      TeamRepository teams,
      TeamMemberRepository members,
      AgentRepository agents,
      AssignmentSignals signals,
      AssignmentConfig config) {
    this.teams = teams;
    this.members = members;
    this.agents = agents;
    this.signals = signals;
    this.config = config;
  }

  @WithSession
  public Uni<List<TeamView>> list(String workspaceId) {
    return teams.listByWorkspace(workspaceId).chain(this::views);
  }

  @WithSession
  public Uni<TeamView> get(String workspaceId, UUID id) {
    return teams
        .findInWorkspace(workspaceId, id)
        .onItem()
        .ifNull()
        .failWith(() -> notFound(id).exception())
        .chain(team -> views(List.of(team)))
        .map(List::getFirst);
  }

  @WithTransaction
  public Uni<TeamView> create(String workspaceId, TeamRequest request) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    validate(request);
    Team team = new Team();
    team.id = UuidV7.next();
    team.workspaceId = workspaceId;
    team.createdAt = now;
    return requireUniqueName(workspaceId, request.name(), null)
        .chain(() -> save(team, request, now))
        .chain(saved -> views(List.of(saved)))
        .map(List::getFirst);
  }

  @WithTransaction
  public Uni<TeamView> update(String workspaceId, UUID id, TeamRequest request) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    validate(request);
    return teams
        .lockInWorkspace(workspaceId, id)
        .onItem()
        .ifNull()
        .failWith(() -> notFound(id).exception())
        .call(team -> requireUniqueName(workspaceId, request.name(), team.id))
        .call(team -> members.deleteOfTeam(team.id))
        .chain(team -> save(team, request, now))
        .chain(saved -> views(List.of(saved)))
        .map(List::getFirst);
  }

  /** The teams an agent belongs to in a workspace. */
  @WithSession
  public Uni<List<UUID>> teamsOf(String workspaceId, String agentId) {
    return members.teamsOf(workspaceId, agentId);
  }

  /** Whether the workspace has this team. */
  public Uni<Boolean> exists(String workspaceId, UUID id) {
    return teams.findInWorkspace(workspaceId, id).map(team -> team != null);
  }

  /** The workspace's team, or null. */
  public Uni<Team> find(String workspaceId, UUID id) {
    return teams.findInWorkspace(workspaceId, id);
  }

  private Uni<Team> save(Team team, TeamRequest request, Instant now) {
    team.name = request.name().strip();
    team.description = blankToNull(request.description());
    team.strategy = strategy(request.strategy(), Strategy.MANUAL);
    team.fallbackStrategy = strategy(request.fallbackStrategy(), Strategy.LEAST_LOADED);
    team.requiredSkills = new ArrayList<>(Skills.normalise(request.requiredSkills()));
    team.timeZone = blankToNull(request.timeZone());
    team.businessHours = BusinessHours.normalise(request.businessHours());
    team.noReplyMinutes = request.noReplyMinutes();
    team.leadId = blankToNull(request.leadId());
    team.updatedAt = now;
    List<String> memberIds =
        (request.memberIds() == null ? List.<String>of() : request.memberIds())
            .stream().map(String::strip).distinct().toList();
    List<TeamMember> rows =
        memberIds.stream()
            .map(
                agentId -> {
                  TeamMember member = new TeamMember();
                  member.key = new TeamMember.Key(team.id, agentId);
                  member.workspaceId = team.workspaceId;
                  return member;
                })
            .toList();
    return teams
        .persist(team)
        .call(() -> rows.isEmpty() ? Uni.createFrom().voidItem() : members.persist(rows))
        .call(teams::flush)
        .call(() -> agents.ensure(team.workspaceId, memberIds, config.defaultCapacity(), now))
        // New members, another strategy or other skills: the team's queue may have work for
        // someone.
        .call(() -> signals.team(team.id));
  }

  /** What Bean Validation cannot say of a team: each reason, by field. */
  private static void validate(TeamRequest request) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (request.strategy() != null
        && !request.strategy().isBlank()
        && Strategy.of(request.strategy().strip().toLowerCase(Locale.ROOT)).isEmpty()) {
      errors.add(new Problem.FieldError("strategy", "must be one of " + Strategy.ids()));
    }
    if (request.fallbackStrategy() != null
        && !request.fallbackStrategy().isBlank()
        && !Strategy.fallbackIds()
            .contains(request.fallbackStrategy().strip().toLowerCase(Locale.ROOT))) {
      errors.add(
          new Problem.FieldError("fallbackStrategy", "must be one of " + Strategy.fallbackIds()));
    }
    errors.addAll(Skills.check(request.requiredSkills(), "requiredSkills"));
    errors.addAll(BusinessHours.check(blankToNull(request.timeZone()), request.businessHours()));
    if (!errors.isEmpty()) {
      throw Problem.validation(errors).exception();
    }
  }

  private static String strategy(String requested, Strategy otherwise) {
    return requested == null || requested.isBlank()
        ? otherwise.id()
        : requested.strip().toLowerCase(Locale.ROOT);
  }

  private Uni<Void> requireUniqueName(String workspaceId, String name, UUID self) {
    return teams
        .findByName(workspaceId, name.strip())
        .invoke(
            other -> {
              if (other != null && !other.id.equals(self)) {
                throw new Problem(
                        Problem.type("team-name-taken"),
                        "Team name taken",
                        409,
                        "The workspace already has a team named '" + other.name + "'.")
                    .exception();
              }
            })
        .replaceWithVoid();
  }

  private Uni<List<TeamView>> views(List<Team> found) {
    return members
        .ofTeams(found.stream().map(team -> team.id).toList())
        .map(
            rows -> {
              Map<UUID, List<String>> byTeam =
                  rows.stream()
                      .collect(
                          Collectors.groupingBy(
                              row -> row.key.teamId(),
                              Collectors.mapping(row -> row.key.agentId(), Collectors.toList())));
              return found.stream()
                  .map(team -> TeamView.of(team, byTeam.getOrDefault(team.id, List.of())))
                  .toList();
            });
  }

  private static Problem notFound(UUID id) {
    return Problem.notFound("No team " + id + " in your workspace.");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
