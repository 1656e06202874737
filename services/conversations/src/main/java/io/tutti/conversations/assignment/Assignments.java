package io.tutti.conversations.assignment;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.Conversation;
import java.util.Set;
import java.util.UUID;

/**
 * Who takes a conversation: what routing rules and the assignment API ask of assignment. Each
 * method joins the caller's transaction, in which the caller has locked the conversation; it
 * records what it did in the conversation's activity (by {@code by}, for {@code reason}) and emits
 * {@code conversation.updated} when anything changed.
 */
public interface Assignments {

  /**
   * Gives the conversation to the team and to one of its agents by {@code strategy} (the team's own
   * when null), among those with every one of {@code requiredSkills} and the team's required
   * skills; when nobody can take it now, it waits in the team's queue.
   *
   * @param by who decided, e.g. {@code "rule"} or an agent's id
   * @param reason why, shown in the activity, e.g. {@code "rule 'Ad leads'"}; may be null
   */
  Uni<Assigned> toTeam(
      Conversation conversation,
      UUID teamId,
      String strategy,
      Set<String> requiredSkills,
      String by,
      String reason);

  /** Gives the conversation to this agent of the workspace, whatever their load. */
  Uni<Assigned> toAgent(Conversation conversation, String agentId, String by, String reason);

  /** Where the conversation went: the team and the agent, or no agent while it waits. */
  record Assigned(UUID teamId, String agentId) {

    public boolean waiting() {
      return agentId == null;
    }
  }
}
