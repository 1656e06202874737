package io.tutti.conversations.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.tutti.conversations.testing.Agents;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.Routing;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.conversations.testing.Teams;
import io.tutti.events.EventEnvelope;
import io.tutti.events.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class CapacityTest extends ServiceTest {

  private static final TestDatabase DB = TestDatabase.of(ConversationsTest.DATABASE);

  @Test
  void fiftyConversationsArrivingTogetherNeverFillAnAgentPastCapacity() throws Exception {
    String support =
        Teams.create(
            Map.of(
                "name", "Support",
                "strategy", "least_loaded",
                "memberIds", List.of("amy", "ben")));
    // amy is in both teams: her capacity holds across them.
    String sales =
        Teams.create(
            Map.of("name", "Sales", "strategy", "round_robin", "memberIds", List.of("amy", "cat")));
    Agents.signIn(workspace, "amy", "ben", "cat");
    for (String agent : List.of("amy", "ben", "cat")) {
      Agents.configure(agent, Map.of("capacity", 5));
    }
    List<String> conversations = arrive(50);

    ExecutorService callers = Executors.newFixedThreadPool(50);
    try {
      List<Callable<Assignments.Assigned>> calls = new ArrayList<>();
      for (int i = 0; i < conversations.size(); i++) {
        String id = conversations.get(i);
        String team = i % 2 == 0 ? support : sales;
        calls.add(() -> Routing.toTeam(workspace, id, team, null, Set.of(), "rule 'Everyone'"));
      }
      for (Future<Assignments.Assigned> call : callers.invokeAll(calls)) {
        call.get();
      }
    } finally {
      callers.shutdownNow();
    }

    List<Object> loads =
        DB.column(
            "select count(*) from conversation where workspace_id = ? and status = 'open' and"
                + " assignee_id is not null group by assignee_id",
            workspace);
    assertThat(loads).hasSize(3).allSatisfy(n -> assertThat(((Number) n).longValue()).isEqualTo(5));
    assertThat(
            DB.count(
                "select count(*) from conversation where workspace_id = ? and assignee_id is null"
                    + " and queued_at is not null and team_id is not null",
                workspace))
        .isEqualTo(35);
    assertThat(
            DB.count(
                "select count(*) from conversation where workspace_id = ? and assignee_id = 'ben'"
                    + " and team_id <> ?",
                workspace,
                UUID.fromString(support)))
        .isZero();
    // Each conversation was given once: one assignee change for each of the fifteen.
    assertThat(
            DB.count(
                "select count(*) from conversation_activity where workspace_id = ? and type ="
                    + " 'assignee_changed'",
                workspace))
        .isEqualTo(15);
  }

  /** Opens conversations with one customer message each, all published at once. */
  private List<String> arrive(int count) {
    List<EventEnvelope> events = new ArrayList<>();
    List<String> messageIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String messageId = "wamid-" + UUID.randomUUID();
      messageIds.add(messageId);
      events.add(receive(Received.on(newInbox(), "whatsapp").id(messageId).build()));
    }
    events.forEach(event -> awaitHandled(event, "conversations.message-received"));
    return messageIds.stream().map(ServiceTest::conversationOfMessage).toList();
  }
}
