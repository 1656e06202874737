package io.tutti.conversations.conversation;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.team.TeamMemberRepository;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The visibility rule, for one conversation. An admin sees every conversation of the workspace. An
 * agent sees a conversation assigned to them, one of a team they belong to, and one with neither an
 * assignee nor a team (nobody has taken it yet, so everyone may). Anything else, and anything of
 * another workspace, is answered as if it did not exist (404), so ids cannot be probed.
 */
@ApplicationScoped
public class ConversationAccess {

  private final ConversationRepository conversations;
  private final TeamMemberRepository members;

  public ConversationAccess(ConversationRepository conversations, TeamMemberRepository members) {
    this.conversations = conversations;
    this.members = members;
  }

  /** The conversation if the viewer may see it; a 404 problem otherwise. */
  public Uni<Conversation> visible(Viewer viewer, UUID id) {
    return conversations.findInWorkspace(viewer.workspaceId(), id).call(c -> check(viewer, id, c));
  }

  /** The same, locked for a change until the transaction ends. */
  public Uni<Conversation> visibleForUpdate(Viewer viewer, UUID id) {
    return conversations.lockInWorkspace(viewer.workspaceId(), id).call(c -> check(viewer, id, c));
  }

  /** Whether the viewer may see the conversation. */
  public Uni<Boolean> maySee(Viewer viewer, Conversation conversation) {
    if (viewer.admin()
        || viewer.agentId().equals(conversation.assigneeId)
        || (conversation.assigneeId == null && conversation.teamId == null)) {
      return Uni.createFrom().item(true);
    }
    if (conversation.teamId == null) {
      return Uni.createFrom().item(false);
    }
    return members.isMember(conversation.teamId, viewer.agentId());
  }

  /** Those of the conversations the viewer may see, in the order given. */
  public Uni<List<Conversation>> visibleAmong(Viewer viewer, List<Conversation> candidates) {
    if (viewer.admin() || candidates.isEmpty()) {
      return Uni.createFrom().item(candidates);
    }
    return members
        .teamsOf(viewer.workspaceId(), viewer.agentId())
        .map(
            teams ->
                candidates.stream()
                    .filter(
                        c ->
                            viewer.agentId().equals(c.assigneeId)
                                || (c.assigneeId == null && c.teamId == null)
                                || (c.teamId != null && teams.contains(c.teamId)))
                    .toList());
  }

  private Uni<Void> check(Viewer viewer, UUID id, Conversation conversation) {
    if (conversation == null) {
      return Uni.createFrom().failure(notFound(id).exception());
    }
    return maySee(viewer, conversation)
        .invoke(
            allowed -> {
              if (!allowed) {
                throw notFound(id).exception();
              }
            })
        .replaceWithVoid();
  }

  public static Problem notFound(UUID id) {
    return Problem.notFound("No conversation " + id + " in your workspace.");
  }
}
