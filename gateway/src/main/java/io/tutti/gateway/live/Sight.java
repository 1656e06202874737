package io.tutti.gateway.live;

import java.util.Set;

/**
 * Who may see a conversation, by conversations' rules ("Who sees what" in its README): an admin
 * sees all of the workspace; an agent or sales rep one assigned to them, one of a team they belong
 * to, and one with neither an assignee nor a team.
 *
 * @param assigneeId the conversation's assignee (a user id), or null
 * @param teamId the conversation's team, or null
 */
record Sight(String assigneeId, String teamId) {

  /** Whether the user, a member of {@code teams}, may see a conversation in this state. */
  boolean visibleTo(LiveUser user, Set<String> teams) {
    if (user.admin()) {
      return true;
    }
    if (assigneeId == null && teamId == null) {
      return true;
    }
    return user.userId().equals(assigneeId) || (teamId != null && teams.contains(teamId));
  }
}
