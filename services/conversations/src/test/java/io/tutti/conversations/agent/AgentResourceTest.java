package io.tutti.conversations.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.conversations.testing.Agents;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.conversations.testing.Teams;
import io.tutti.events.testing.Callers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class AgentResourceTest extends ServiceTest {

  @Test
  void anAgentsFirstRequestMakesTheirRecordFromTheToken() {
    Callers.agent("newbie", workspace);

    JsonPath me = given().get("/api/agents/me").then().statusCode(200).extract().jsonPath();

    assertThat(me.getString("id")).isEqualTo("newbie");
    assertThat(me.getString("username")).isEqualTo("newbie");
    assertThat(me.getString("name")).isEqualTo("Agent newbie");
    assertThat(me.getList("roles")).containsExactly("agent");
    assertThat(me.getString("availability")).isEqualTo("online");
    assertThat(me.getInt("capacity")).isEqualTo(10);
    assertThat(me.getList("skills")).isEmpty();
    assertThat(me.getString("lastSeenAt")).isNotNull();
  }

  @Test
  void agentsAreListedWithTheirTeamsAndOpenConversations() {
    String team = Teams.create("Support", "amy", "ben");
    Agents.signIn(workspace, "amy");
    String mid = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(newInbox(), "sms").id(mid).build());
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("assigneeId", "amy"))
        .post("/api/conversations/" + conversationOfMessage(mid) + "/assign")
        .then()
        .statusCode(200);
    Callers.agent("ben", workspace);

    JsonPath listed = given().get("/api/agents").then().statusCode(200).extract().jsonPath();

    assertThat(listed.getList("id")).containsExactly("ada", "amy", "ben");
    assertThat(listed.getString("find { it.id == 'amy' }.availability")).isEqualTo("online");
    assertThat(listed.getInt("find { it.id == 'amy' }.openCount")).isEqualTo(1);
    assertThat(listed.getList("find { it.id == 'amy' }.teamIds")).containsExactly(team);
    assertThat(listed.getList("find { it.id == 'ada' }.roles"))
        .containsExactlyInAnyOrder("admin", "sales", "agent");
    // Configured as a member before ever signing in, and signed in just now by this request.
    assertThat(listed.getString("find { it.id == 'ben' }.availability")).isEqualTo("online");
    assertThat(listed.getInt("find { it.id == 'ben' }.capacity")).isEqualTo(10);
  }

  @Test
  void anAdminSetsCapacityChannelsAndSkillsAlsoOfAnAgentNotSignedInYet() {
    JsonPath amy =
        Agents.configure(
            "amy",
            Map.of(
                "capacity", 3,
                "channelCapacity", Map.of("whatsapp", 1, "Email", 2),
                "skills", List.of("Spanish", " billing ", "spanish")));

    assertThat(amy.getString("availability")).isEqualTo("offline");
    assertThat(amy.getInt("capacity")).isEqualTo(3);
    assertThat(amy.getMap("channelCapacity"))
        .containsEntry("whatsapp", 1)
        .containsEntry("email", 2);
    assertThat(amy.getList("skills")).containsExactly("spanish", "billing");
    JsonPath kept = Agents.configure("amy", Map.of("skills", List.of()));
    assertThat(kept.getInt("capacity")).isEqualTo(3);
    assertThat(kept.getList("skills")).isEmpty();
    Agents.signIn(workspace, "amy");
    assertThat(Agents.get("amy").getString("availability")).isEqualTo("online");
    assertThat(Agents.get("amy").getInt("channelCapacity.whatsapp")).isEqualTo(1);
  }

  @Test
  void anAgentSetsTheirOwnAvailabilityAndNothingElse() {
    Agents.signIn(workspace, "ben");
    Callers.agent("amy", workspace);

    assertThat(Agents.configure("me", Map.of("availability", "away")).getString("availability"))
        .isEqualTo("away");
    assertThat(Agents.configure("amy", Map.of("availability", "online")).getString("availability"))
        .isEqualTo("online");
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("availability", "online", "capacity", 50))
        .put("/api/agents/me")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:forbidden"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("skills", List.of("everything")))
        .put("/api/agents/amy")
        .then()
        .statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("availability", "offline"))
        .put("/api/agents/ben")
        .then()
        .statusCode(403);
    Callers.admin("ada", workspace);
    assertThat(Agents.get("amy").getInt("capacity")).isEqualTo(10);
    assertThat(Agents.get("ben").getString("availability")).isEqualTo("online");
  }

  @Test
  void anotherWorkspacesAgentIsNotFound() {
    Agents.signIn(workspace, "amy");
    Callers.admin("bob", "ws-" + UUID.randomUUID());

    given()
        .get("/api/agents/amy")
        .then()
        .statusCode(404)
        .body("type", equalTo("urn:tutti:problem:not-found"));
    assertThat(given().get("/api/agents").then().statusCode(200).extract().jsonPath().getList("id"))
        .containsExactly("bob");
  }

  @Test
  void invalidChangesAreRefusedWithTheirReason() {
    refused(Map.of("availability", "busy"), "availability");
    refused(Map.of("capacity", -1), "capacity");
    refused(Map.of("channelCapacity", Map.of("fax", 1)), "channelCapacity.fax");
    refused(Map.of("channelCapacity", Map.of("sms", 5000)), "channelCapacity.sms");
    refused(Map.of("skills", List.of("ok", "#nope")), "skills[1]");
  }

  private static void refused(Map<String, ?> body, String field) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/agents/amy")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(field));
  }
}
