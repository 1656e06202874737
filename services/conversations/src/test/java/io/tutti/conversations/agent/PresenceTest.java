package io.tutti.conversations.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.tutti.conversations.assignment.AssignmentSweep;
import io.tutti.conversations.testing.Agents;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Database;
import io.tutti.conversations.testing.OnVertx;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.conversations.testing.Teams;
import io.tutti.conversations.testing.TestClock;
import io.tutti.events.testing.Callers;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class PresenceTest extends ServiceTest {

  @Inject TestClock clock;
  @Inject AssignmentSweep sweep;

  @AfterEach
  void timeBack() {
    clock.reset();
  }

  @Test
  void anAgentNotSeenForTheTimeoutGoesOfflineAndIsBackOnlineWhenSeenAgain() {
    String team =
        Teams.create(
            Map.of("name", "Support", "strategy", "least_loaded", "memberIds", List.of("amy")));
    Agents.signIn(workspace, "amy");
    clock.advance(Duration.ofMinutes(4));
    sweep();
    assertThat(availability("amy")).isEqualTo("online");

    clock.advance(Duration.ofMinutes(2));
    // Not seen for six minutes: nobody gives her a conversation, even before the sweep says so.
    String id = newConversation();
    assertThat(assign(id, team)).isNull();
    sweep();
    assertThat(availability("amy")).isEqualTo("offline");

    Agents.signIn(workspace, "amy");

    assertThat(availability("amy")).isEqualTo("online");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Objects.equals(
                    Database.single(
                        "select assignee_id from conversation where id = ?", UUID.fromString(id)),
                    "amy"));
  }

  @Test
  void anAgentWhoChoseAwayOrOfflineStaysSoWhenSeen() {
    Agents.signIn(workspace, "amy", "ben");
    Callers.agent("amy", workspace);
    Agents.configure("me", Map.of("availability", "away"));
    Callers.agent("ben", workspace);
    Agents.configure("me", Map.of("availability", "offline"));
    Callers.admin("ada", workspace);

    clock.advance(Duration.ofMinutes(10));
    sweep();
    Agents.signIn(workspace, "amy", "ben");

    assertThat(availability("amy")).isEqualTo("away");
    assertThat(availability("ben")).isEqualTo("offline");
  }

  @Test
  void aMemberWhoHasNeverSignedInIsOfflineAndGetsNothing() {
    String team =
        Teams.create(
            Map.of("name", "Night", "strategy", "round_robin", "memberIds", List.of("zoe")));

    assertThat(availability("zoe")).isEqualTo("offline");
    assertThat(Agents.get("zoe").getString("lastSeenAt")).isNull();
    assertThat(assign(newConversation(), team)).isNull();
  }

  private void sweep() {
    OnVertx.await(() -> sweep.run());
  }

  private String newConversation() {
    String id = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(newInbox(), "web").id(id).build());
    return conversationOfMessage(id);
  }

  private static String assign(String id, String team) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("teamId", team))
        .post("/api/conversations/" + id + "/assign")
        .then()
        .statusCode(200)
        .extract()
        .path("assigneeId");
  }

  private static String availability(String agentId) {
    return Agents.get(agentId).getString("availability");
  }
}
