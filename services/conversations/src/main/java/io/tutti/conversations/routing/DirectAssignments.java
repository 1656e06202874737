package io.tutti.conversations.routing;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.activity.Activity;
import io.tutti.conversations.activity.ActivityLog;
import io.tutti.conversations.assignment.Assignments;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.messaging.ConversationEvents;
import io.tutti.conversations.team.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Assignment without strategies, for a build that has no assignment module: a conversation given to
 * a team waits in the team's queue with nobody assigned (whatever the strategy and skills), and one
 * given to an agent is theirs. The assignment module's bean takes its place where it exists.
 */
@DefaultBean
@ApplicationScoped
public class DirectAssignments implements Assignments {

  private final TeamRepository teams;
  private final ActivityLog activity;
  private final ConversationEvents events;

  public DirectAssignments(TeamRepository teams, ActivityLog activity, ConversationEvents events) {
    this.teams = teams;
    this.activity = activity;
    this.events = events;
  }

  @Override
  public Uni<Assigned> toTeam(
      Conversation conversation,
      UUID teamId,
      String strategy,
      Set<String> requiredSkills,
      String by,
      String reason) {
    Instant now = now();
    return teams
        .findInWorkspace(conversation.workspaceId, teamId)
        .chain(
            team -> {
              if (team == null) {
                return Uni.createFrom()
                    .failure(
                        new IllegalArgumentException(
                            "team " + teamId + " is not a team of the workspace"));
              }
              List<String> changed = new ArrayList<>();
              List<Uni<Void>> records = new ArrayList<>();
              if (!teamId.equals(conversation.teamId)) {
                Map<String, Object> details =
                    ActivityLog.change(text(conversation.teamId), teamId.toString());
                details.put("teamName", team.name);
                explain(details, "routed to " + team.name, reason);
                records.add(activity.record(conversation, Activity.TEAM_CHANGED, by, details, now));
                conversation.teamId = teamId;
                changed.add("team");
              }
              if (conversation.assigneeId != null) {
                Map<String, Object> details = ActivityLog.change(conversation.assigneeId, null);
                explain(details, "waiting in " + team.name + "'s queue", reason);
                records.add(
                    activity.record(conversation, Activity.ASSIGNEE_CHANGED, by, details, now));
                conversation.assigneeId = null;
                changed.add("assignee");
              }
              return changed(conversation, changed, records, by, now)
                  .replaceWith(new Assigned(teamId, null));
            });
  }

  @Override
  public Uni<Assigned> toAgent(
      Conversation conversation, String agentId, String by, String reason) {
    Instant now = now();
    if (Objects.equals(conversation.assigneeId, agentId)) {
      return Uni.createFrom().item(new Assigned(conversation.teamId, agentId));
    }
    Map<String, Object> details = ActivityLog.change(conversation.assigneeId, agentId);
    explain(details, "assigned to " + agentId, reason);
    Uni<Void> record = activity.record(conversation, Activity.ASSIGNEE_CHANGED, by, details, now);
    conversation.assigneeId = agentId;
    return changed(conversation, List.of("assignee"), List.of(record), by, now)
        .replaceWith(new Assigned(conversation.teamId, agentId));
  }

  private Uni<Void> changed(
      Conversation conversation,
      List<String> changed,
      List<Uni<Void>> records,
      String by,
      Instant now) {
    if (changed.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    conversation.updatedAt = now;
    Uni<Void> all = Uni.createFrom().voidItem();
    for (Uni<Void> record : records) {
      // One after the other: a reactive session runs one statement at a time.
      all = all.chain(() -> record);
    }
    return all.chain(() -> events.updated(conversation, changed, by, null));
  }

  /** {@code reason} and a sentence for people: "routed to Sales by rule 'Ad leads'". */
  private static void explain(Map<String, Object> details, String what, String reason) {
    if (reason != null) {
      details.put("reason", reason);
    }
    details.put("summary", reason == null ? what : what + " by " + reason);
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
