package io.tutti.conversations.testing;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.assignment.Assignments;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.conversation.ConversationRepository;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Calls {@link Assignments} the way routing rules do: in a transaction of its own that locks the
 * conversation first, on a Vert.x context, waiting for the answer.
 */
public final class Routing {

  private Routing() {}

  public static Assignments.Assigned toTeam(
      String workspace,
      String conversationId,
      String teamId,
      String strategy,
      Set<String> skills,
      String reason) {
    Assignments assignments = Arc.container().instance(Assignments.class).get();
    return inTransaction(
        workspace,
        conversationId,
        c -> assignments.toTeam(c, UUID.fromString(teamId), strategy, skills, "rule:test", reason));
  }

  public static Assignments.Assigned toAgent(
      String workspace, String conversationId, String agentId, String reason) {
    Assignments assignments = Arc.container().instance(Assignments.class).get();
    return inTransaction(
        workspace, conversationId, c -> assignments.toAgent(c, agentId, "rule:test", reason));
  }

  private static Assignments.Assigned inTransaction(
      String workspace,
      String conversationId,
      Function<Conversation, Uni<Assignments.Assigned>> call) {
    ConversationRepository conversations =
        Arc.container().instance(ConversationRepository.class).get();
    return OnVertx.await(
        () ->
            Panache.withTransaction(
                () ->
                    conversations
                        .lockInWorkspace(workspace, UUID.fromString(conversationId))
                        .chain(c -> call.apply(c))));
  }
}
