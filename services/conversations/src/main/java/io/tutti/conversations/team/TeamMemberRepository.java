package io.tutti.conversations.team;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TeamMemberRepository implements PanacheRepositoryBase<TeamMember, TeamMember.Key> {

  /** The teams an agent belongs to in a workspace. */
  public Uni<List<UUID>> teamsOf(String workspaceId, String agentId) {
    return list("workspaceId = ?1 and key.agentId = ?2 order by key.teamId", workspaceId, agentId)
        .map(members -> members.stream().map(member -> member.key.teamId()).toList());
  }

  public Uni<Boolean> isMember(UUID teamId, String agentId) {
    return count("key.teamId = ?1 and key.agentId = ?2", teamId, agentId).map(n -> n > 0);
  }

  public Uni<List<TeamMember>> ofTeams(Collection<UUID> teamIds) {
    return teamIds.isEmpty()
        ? Uni.createFrom().item(List.of())
        : list("key.teamId in ?1 order by key.agentId", teamIds);
  }

  /** The memberships of these agents of the workspace. */
  public Uni<List<TeamMember>> ofAgents(String workspaceId, Collection<String> agentIds) {
    return agentIds.isEmpty()
        ? Uni.createFrom().item(List.of())
        : list("workspaceId = ?1 and key.agentId in ?2 order by key.teamId", workspaceId, agentIds);
  }

  /** The ids of the team's members. */
  public Uni<List<String>> memberIds(UUID teamId) {
    return list("key.teamId = ?1 order by key.agentId", teamId)
        .map(rows -> rows.stream().map(row -> row.key.agentId()).toList());
  }

  public Uni<Long> deleteOfTeam(UUID teamId) {
    return delete("key.teamId = ?1", teamId);
  }
}
