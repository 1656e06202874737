package io.tutti.conversations.team;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A team as the API shows it (the fields of {@link TeamRequest}). */
public record TeamView(
    UUID id,
    String name,
    String description,
    List<String> memberIds,
    String strategy,
    String fallbackStrategy,
    List<String> requiredSkills,
    String timeZone,
    List<BusinessHours.Window> businessHours,
    Integer noReplyMinutes,
    String leadId,
    Instant createdAt,
    Instant updatedAt) {

  static TeamView of(Team team, List<String> memberIds) {
    return new TeamView(
        team.id,
        team.name,
        team.description,
        memberIds,
        team.strategy,
        team.fallbackStrategy,
        List.copyOf(team.requiredSkills),
        team.timeZone,
        team.businessHours == null ? List.of() : team.businessHours,
        team.noReplyMinutes,
        team.leadId,
        team.createdAt,
        team.updatedAt);
  }
}
