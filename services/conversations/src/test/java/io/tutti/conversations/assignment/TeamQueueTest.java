package io.tutti.conversations.assignment;

import static io.restassured.RestAssured.given;
import static io.tutti.conversations.assignment.StrategyTest.activity;
import static io.tutti.conversations.assignment.StrategyTest.assign;
import static io.tutti.conversations.assignment.StrategyTest.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.tutti.conversations.testing.Agents;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Database;
import io.tutti.conversations.testing.OnVertx;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.Routing;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.conversations.testing.Teams;
import io.tutti.events.testing.Callers;
import io.tutti.events.type.ContactErased;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class TeamQueueTest extends ServiceTest {

  @Test
  void whenAnAgentFreesCapacityTheMostUrgentWaitingConversationIsTheirsAtOnce() {
    String team = leastLoadedTeam("amy");
    Agents.signIn(workspace, "amy");
    Agents.configure("amy", Map.of("capacity", 1));
    String taken = newConversation();
    assign(taken, Map.of("teamId", team));
    String older = newConversation();
    String urgent = newConversation();
    priority(urgent, "urgent");
    assertThat(assign(older, Map.of("teamId", team)).getString("assigneeId")).isNull();
    assertThat(assign(urgent, Map.of("teamId", team)).getString("assigneeId")).isNull();

    setStatus(taken, Map.of("status", "resolved"));

    awaitAssignee(urgent, "amy");
    assertThat(assignee(older)).isNull();
    assertThat(activity(urgent).getString("items[0].actor")).isEqualTo("system");
    assertThat(activity(urgent).getString("items[0].details.reason"))
        .isEqualTo("waited in the team queue");

    Callers.agent("amy", workspace);
    setStatus(urgent, Map.of("status", "snoozed", "snoozeUntil", Instant.now().plusSeconds(3600)));
    Callers.admin("ada", workspace);
    awaitAssignee(older, "amy");
  }

  @Test
  void aConversationTakenFromAnAgentOrErasedMakesRoomForTheNext() {
    String team = leastLoadedTeam("amy");
    Agents.signIn(workspace, "amy", "ben");
    Agents.configure("amy", Map.of("capacity", 1));
    String taken = newConversation();
    assign(taken, Map.of("teamId", team));
    String next = newConversation();
    String last = newConversation();
    assign(next, Map.of("teamId", team));
    assign(last, Map.of("teamId", team));

    assign(taken, Map.of("assigneeId", "ben"));
    awaitAssignee(next, "amy");

    Received erased = Received.on(newInbox(), "whatsapp");
    String mid = "wamid-" + UUID.randomUUID();
    receiveAndWait(erased.id(mid).build());
    assertThat(
            assign(conversationOfMessage(mid), Map.of("assigneeId", "amy")).getString("assigneeId"))
        .isEqualTo("amy");
    setStatus(next, Map.of("status", "resolved"));
    assertThat(assignee(last)).isNull();
    awaitHandled(
        inbound.publish(
            "profiles",
            workspace,
            new ContactErased(
                "contact-" + UUID.randomUUID(),
                "ada",
                List.of("whatsapp:" + erased.externalContactId()))),
        "conversations.contacts");
    awaitAssignee(last, "amy");
  }

  @Test
  void theQueueIsServedWhenAnAgentComesOnlineGetsCapacityOrJoins() {
    String team = leastLoadedTeam("amy");
    Agents.signIn(workspace, "amy", "ben");
    Agents.configure("amy", Map.of("capacity", 1));
    Callers.agent("amy", workspace);
    Agents.configure("me", Map.of("availability", "away"));
    Callers.admin("ada", workspace);
    String first = newConversation();
    String second = newConversation();
    String third = newConversation();
    for (String id : List.of(first, second, third)) {
      assertThat(assign(id, Map.of("teamId", team)).getString("assigneeId")).isNull();
    }

    Callers.agent("amy", workspace);
    Agents.configure("me", Map.of("availability", "online"));
    Callers.admin("ada", workspace);
    awaitAssignee(first, "amy");
    assertThat(assignee(second)).isNull();

    Agents.configure("amy", Map.of("capacity", 2));
    awaitAssignee(second, "amy");

    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "Queue " + team,
                "strategy",
                "least_loaded",
                "memberIds",
                List.of("amy", "ben")))
        .put("/api/teams/" + team)
        .then()
        .statusCode(200);
    awaitAssignee(third, "ben");
  }

  @Test
  void aSnoozedConversationWaitingInTheQueueIsGivenOutWhenItWakes() {
    String team = leastLoadedTeam("amy");
    Agents.signIn(workspace, "amy");
    Received customer = Received.on(newInbox(), "whatsapp");
    String id = conversationOf(customer);
    setStatus(id, Map.of("status", "snoozed", "snoozeUntil", Instant.now().plusSeconds(3600)));

    Assignments.Assigned assigned = Routing.toTeam(workspace, id, team, null, Set.of(), null);
    assertThat(assigned.waiting()).isTrue();
    assertThat(conversation(id).getString("teamId")).isEqualTo(team);

    receiveAndWait(customer.id("mid-" + UUID.randomUUID()).build());

    awaitAssignee(id, "amy");
  }

  @Test
  void passesOverOneQueueAtOnceGiveEachConversationOnceAndFillNobodyPastCapacity()
      throws Exception {
    String team = leastLoadedTeam("amy", "ben");
    Agents.signIn(workspace, "amy", "ben");
    Agents.configure("amy", Map.of("capacity", 3));
    Agents.configure("ben", Map.of("capacity", 2));
    Callers.agent("amy", workspace);
    Agents.configure("me", Map.of("availability", "offline"));
    Callers.agent("ben", workspace);
    Agents.configure("me", Map.of("availability", "offline"));
    Callers.admin("ada", workspace);
    for (int i = 0; i < 8; i++) {
      assign(newConversation(), Map.of("teamId", team));
    }
    assertThat(
            count(
                "select count(*) from conversation where team_id = ? and queued_at is not null",
                team))
        .isEqualTo(8);
    // Both come back at the same moment (no signal): passes over the queue run concurrently, as on
    // several replicas.
    Database.update(
        "update agent set availability = 'online' where workspace_id = ? and id in ('amy', 'ben')",
        workspace);
    TeamQueues queues = Arc.container().instance(TeamQueues.class).get();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> passes =
          IntStream.range(0, 4)
              .mapToObj(
                  i -> pool.submit(() -> OnVertx.await(() -> queues.serve(UUID.fromString(team)))))
              .toList();
      int given = 0;
      for (var pass : passes) {
        given += pass.get();
      }
      assertThat(given).isEqualTo(5);
    } finally {
      pool.shutdownNow();
    }

    assertThat(
            count(
                "select count(*) from conversation where team_id = ? and assignee_id = 'amy'",
                team))
        .isEqualTo(3);
    assertThat(
            count(
                "select count(*) from conversation where team_id = ? and assignee_id = 'ben'",
                team))
        .isEqualTo(2);
    assertThat(
            count(
                "select count(*) from conversation_activity a join conversation c on c.id ="
                    + " a.conversation_id where c.team_id = ? and a.type = 'assignee_changed'",
                team))
        .isEqualTo(5);
  }

  @Test
  void aRuleThatResolvesAConversationMakesRoomForTheNext() {
    String team = leastLoadedTeam("amy");
    Agents.signIn(workspace, "amy");
    Agents.configure("amy", Map.of("capacity", 1));
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "Goodbyes resolve",
                "trigger",
                "message_received",
                "conditions",
                List.of(Map.of("field", "message.text", "operator", "contains", "value", "bye")),
                "actions",
                List.of(Map.of("type", "set_status", "value", "resolved"))))
        .post("/api/routing-rules")
        .then()
        .statusCode(201);
    Received customer = Received.on(newInbox(), "messenger");
    String taken = conversationOf(customer);
    assign(taken, Map.of("teamId", team));
    String next = newConversation();
    assertThat(assign(next, Map.of("teamId", team)).getString("assigneeId")).isNull();

    conversationOf(customer.text("Thanks, bye!"));

    awaitAssignee(next, "amy");
  }

  private String leastLoadedTeam(String... members) {
    return Teams.create(
        Map.of(
            "name",
            "Queue " + UUID.randomUUID(),
            "strategy",
            "least_loaded",
            "memberIds",
            List.of(members)));
  }

  private String newConversation() {
    return conversationOf(Received.on(newInbox(), "messenger"));
  }

  private String conversationOf(Received customer) {
    String id = "mid-" + UUID.randomUUID();
    receiveAndWait(customer.id(id).build());
    return conversationOfMessage(id);
  }

  private static void priority(String id, String priority) {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("priority", priority))
        .put("/api/conversations/" + id + "/priority")
        .then()
        .statusCode(200);
  }

  private static String assignee(String id) {
    return (String) Database.single("select assignee_id from conversation where id = ?", uuid(id));
  }

  private static void awaitAssignee(String id, String agentId) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Objects.equals(assignee(id), agentId));
  }

  private static long count(String sql, String team) {
    return ((Number) Database.single(sql, uuid(team))).longValue();
  }
}
