package io.tutti.conversations.team;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.events.UuidV7;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A workspace's teams and who is in them. */
@ApplicationScoped
public class TeamService {

  private final TeamRepository teams;
  private final TeamMemberRepository members;

  public TeamService(TeamRepository teams, TeamMemberRepository members) {
    this.teams = teams;
    this.members = members;
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
    return teams
        .findInWorkspace(workspaceId, id)
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

  private Uni<Team> save(Team team, TeamRequest request, Instant now) {
    team.name = request.name().strip();
    team.description = blankToNull(request.description());
    team.updatedAt = now;
    List<TeamMember> rows =
        (request.memberIds() == null ? List.<String>of() : request.memberIds())
            .stream()
                .map(String::strip)
                .distinct()
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
        .call(teams::flush);
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
                  .map(
                      team ->
                          new TeamView(
                              team.id,
                              team.name,
                              team.description,
                              byTeam.getOrDefault(team.id, List.of()),
                              team.createdAt,
                              team.updatedAt))
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
