package io.tutti.conversations.assignment;

import static io.restassured.RestAssured.given;
import static io.tutti.conversations.assignment.StrategyTest.activity;
import static io.tutti.conversations.assignment.StrategyTest.assign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.conversations.testing.Agents;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.OnVertx;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.conversations.testing.Teams;
import io.tutti.conversations.testing.TestClock;
import io.tutti.events.EventTypes;
import io.tutti.events.testing.Callers;
import io.tutti.events.type.ConversationMessageAdded;
import io.tutti.events.type.ConversationUpdated;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class NoReplyTest extends ServiceTest {

  @Inject TestClock clock;
  @Inject AssignmentSweep sweep;

  @AfterEach
  void timeBack() {
    clock.reset();
  }

  @Test
  void anAgentWhoLeavesTheCustomerWaitingLosesTheConversationAndTheLeadIsTold() {
    String team = team(30, "amy", "ben");
    Agents.signIn(workspace, "amy", "ben", "lena");
    Received customer = Received.on(newInbox(), "instagram");
    String id = conversationOf(customer);
    assertThat(assign(id, Map.of("teamId", team)).getString("assigneeId")).isEqualTo("amy");

    minutesPass(29);
    assertThat(conversation(id).getString("assigneeId")).isEqualTo("amy");
    minutesPass(2);

    JsonPath reassigned = conversation(id);
    assertThat(reassigned.getString("assigneeId")).isEqualTo("ben");
    JsonPath activity = activity(id);
    assertThat(activity.getString("items[0].type")).isEqualTo("assignee_changed");
    assertThat(activity.getString("items[0].actor")).isEqualTo("system");
    assertThat(activity.getString("items[0].details.from")).isEqualTo("amy");
    assertThat(activity.getString("items[0].details.to")).isEqualTo("ben");
    assertThat(activity.getString("items[0].details.reason")).isEqualTo("no reply for 30 minutes");
    assertThat(activity.getString("items[0].details.leadId")).isEqualTo("lena");
    JsonPath note = messages(id);
    assertThat(note.getString("items[-1].kind")).isEqualTo("note");
    assertThat(note.getBoolean("items[-1].private")).isTrue();
    assertThat(note.getString("items[-1].text"))
        .contains("@Agent lena", "Agent amy", "30 minutes", "Agent ben has it now");
    List<ConversationUpdated> updates =
        tap.await(workspace, EventTypes.CONVERSATION_UPDATED, 2).stream()
            .map(e -> (ConversationUpdated) e.payload())
            .toList();
    assertThat(updates.getLast().assigneeId()).isEqualTo("ben");
    assertThat(updates.getLast().by()).isEqualTo("system");
    assertThat(
            tap.await(workspace, EventTypes.CONVERSATION_MESSAGE_ADDED, 2).stream()
                .map(e -> (ConversationMessageAdded) e.payload())
                .filter(ConversationMessageAdded::isPrivate)
                .toList())
        .hasSize(1);
    assertThat(tap.of(workspace, EventTypes.OUTBOUND_REQUESTED)).isEmpty();

    // ben's time runs from when he got it.
    minutesPass(20);
    assertThat(conversation(id).getString("assigneeId")).isEqualTo("ben");
  }

  @Test
  void withNobodyElseItWaitsInTheQueueForSomeoneButTheAgentWhoDidNotAnswer() {
    String team = team(10, "amy");
    Agents.signIn(workspace, "amy");
    String id = conversationOf(Received.on(newInbox(), "email"));
    assertThat(assign(id, Map.of("teamId", team)).getString("assigneeId")).isEqualTo("amy");

    minutesPass(11);

    assertThat(conversation(id).getString("assigneeId")).isNull();
    assertThat(conversation(id).getString("teamId")).isEqualTo(team);
    assertThat(messages(id).getString("items[-1].text")).contains("waits in the", "queue");
    minutesPass(1);
    assertThat(conversation(id).getString("assigneeId")).isNull();

    Agents.signIn(workspace, "ben");
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "Desk " + team,
                "strategy",
                "least_loaded",
                "noReplyMinutes",
                10,
                "memberIds",
                List.of("amy", "ben")))
        .put("/api/teams/" + team)
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "ben".equals(conversation(id).getString("assigneeId")));
  }

  @Test
  void anAgentWhoAnsweredKeepsTheConversation() {
    String team = team(15, "amy", "ben");
    Agents.signIn(workspace, "amy", "ben");
    Received customer = Received.on(newInbox(), "telegram");
    String id = conversationOf(customer);
    assign(id, Map.of("teamId", team));
    Callers.agent("amy", workspace);
    write(id, Map.of("text", "Looking into it"));
    Callers.admin("ada", workspace);
    receiveAndWait(customer.id("mid-" + UUID.randomUUID()).text("Thanks!").build());

    minutesPass(40);

    assertThat(conversation(id).getString("assigneeId")).isEqualTo("amy");
  }

  /**
   * Time passes; the agents are still signed in (their live socket's heartbeat); the sweep runs.
   */
  private void minutesPass(int minutes) {
    clock.advance(Duration.ofMinutes(minutes));
    Agents.signIn(workspace, "amy", "ben");
    OnVertx.await(() -> sweep.run());
  }

  private String team(int noReplyMinutes, String... members) {
    Map<String, Object> request = new HashMap<>();
    request.put("name", "Desk " + UUID.randomUUID());
    request.put("strategy", "least_loaded");
    request.put("noReplyMinutes", noReplyMinutes);
    request.put("leadId", "lena");
    request.put("memberIds", List.of(members));
    return Teams.create(request);
  }

  private String conversationOf(Received customer) {
    String id = "mid-" + UUID.randomUUID();
    receiveAndWait(customer.id(id).build());
    return conversationOfMessage(id);
  }
}
