package io.tutti.conversations.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.conversations.testing.Teams;
import io.tutti.events.testing.Callers;
import io.tutti.events.type.ContactResolved;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who sees what: an agent sees their teams' conversations, those assigned to them and those nobody
 * has taken; an admin sees the whole workspace; nobody sees another workspace's, and what cannot be
 * seen answers 404.
 */
@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class VisibilityTest extends ServiceTest {

  private String aliceTeam;
  private String otherTeam;
  private String ofAlicesTeam;
  private String ofBob;
  private String ofAlice;
  private String ofNobody;
  private String ofOtherTeam;
  private String ofOtherTeamForAlice;
  private final String contact = "contact-" + UUID.randomUUID();

  @BeforeEach
  void aWorkspaceWithTwoTeams() {
    aliceTeam = Teams.create("Sales " + UUID.randomUUID(), "alice", "sam");
    otherTeam = Teams.create("Billing " + UUID.randomUUID(), "bob");
    ofAlicesTeam = conversation("team", Map.of("teamId", aliceTeam));
    ofBob = conversation("bob", Map.of("assigneeId", "bob"));
    ofAlice = conversation("alice", Map.of("assigneeId", "alice"));
    ofNobody = conversation("nobody", Map.of());
    ofOtherTeam = conversation("other team", Map.of("teamId", otherTeam));
    ofOtherTeamForAlice =
        conversation("other team, alice", Map.of("teamId", otherTeam, "assigneeId", "alice"));
  }

  @Test
  void agentSeesTheirTeamsTheirOwnAndUntakenConversationsOnly() {
    Callers.agent("alice", workspace);

    assertThat(ids("view=all"))
        .containsExactlyInAnyOrder(ofAlicesTeam, ofAlice, ofNobody, ofOtherTeamForAlice);
    assertThat(ids("view=mine")).containsExactlyInAnyOrder(ofAlice, ofOtherTeamForAlice);
    assertThat(ids("view=unassigned")).containsExactlyInAnyOrder(ofAlicesTeam, ofNobody);
    assertThat(ids("view=team:" + aliceTeam)).containsExactly(ofAlicesTeam);
    assertThat(ids("view=team:" + otherTeam)).containsExactly(ofOtherTeamForAlice);
    JsonPath counts =
        given().get("/api/conversations/counts").then().statusCode(200).extract().jsonPath();
    assertThat(counts.getLong("all")).isEqualTo(4);
    assertThat(counts.getLong("mine")).isEqualTo(2);
    assertThat(counts.getLong("unassigned")).isEqualTo(2);
    assertThat(counts.getMap("teams")).containsOnlyKeys(aliceTeam).containsEntry(aliceTeam, 1);
  }

  @Test
  void agentCannotReachAConversationTheyMayNotSee() {
    Callers.agent("alice", workspace);

    for (String hidden : List.of(ofBob, ofOtherTeam)) {
      notFound(given().get("/api/conversations/" + hidden));
      notFound(given().get("/api/conversations/" + hidden + "/messages"));
      notFound(given().get("/api/conversations/" + hidden + "/activity"));
      notFound(
          given()
              .contentType(ContentType.JSON)
              .body(Map.of("text", "hi"))
              .post("/api/conversations/" + hidden + "/messages"));
      notFound(
          given()
              .contentType(ContentType.JSON)
              .body(Map.of("status", "resolved"))
              .post("/api/conversations/" + hidden + "/status"));
      notFound(
          given()
              .contentType(ContentType.JSON)
              .body(Map.of("assigneeId", "alice"))
              .post("/api/conversations/" + hidden + "/assign"));
    }
    assertThat(conversation(ofAlicesTeam).getString("id")).isEqualTo(ofAlicesTeam);
  }

  @Test
  void contactHistoryShowsAnAgentOnlyWhatTheyMaySee() {
    Callers.agent("alice", workspace);

    assertThat(
            given()
                .get("/api/contacts/" + contact + "/conversations?limit=100")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id"))
        .containsExactlyInAnyOrder(ofAlicesTeam, ofAlice, ofNobody, ofOtherTeamForAlice);
    assertThat(conversation(ofNobody).getList("otherConversations.id"))
        .containsExactlyInAnyOrder(ofAlicesTeam, ofAlice, ofOtherTeamForAlice);
    Callers.admin("ada", workspace);
    assertThat(conversation(ofNobody).getList("otherConversations.id")).hasSize(5);
  }

  @Test
  void adminSeesTheWholeWorkspace() {
    assertThat(ids("view=all"))
        .containsExactlyInAnyOrder(
            ofAlicesTeam, ofBob, ofAlice, ofNobody, ofOtherTeam, ofOtherTeamForAlice);
    assertThat(
            given()
                .get("/api/conversations/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("teams"))
        .containsOnlyKeys(aliceTeam, otherTeam);
  }

  @Test
  void anotherWorkspaceSeesNothingAndGets404() {
    Callers.admin("bob", "globex-" + UUID.randomUUID());

    assertThat(ids("view=all")).isEmpty();
    notFound(given().get("/api/conversations/" + ofNobody));
    notFound(given().get("/api/conversations/" + ofNobody + "/messages"));
    notFound(
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("text", "hello from globex"))
            .post("/api/conversations/" + ofNobody + "/messages"));
    notFound(
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("labels", List.of("x")))
            .put("/api/conversations/" + ofNobody + "/labels"));
    assertThat(
            given()
                .get("/api/contacts/" + contact + "/conversations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items"))
        .isEmpty();
    Callers.admin("ada", workspace);
    assertThat(messages(ofNobody).getList("items.direction")).containsExactly("in");
  }

  @Test
  void callerWithoutAWorkspaceOrATuttiRoleIsRefused() {
    Callers.actAs("drifter", null, "agent");
    given()
        .get("/api/conversations")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:workspace-required"));
    Callers.actAs("robot", workspace, "offline_access");
    given()
        .get("/api/conversations")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:forbidden"));
  }

  /** A conversation of the test's contact, assigned as given (as ada). */
  private String conversation(String text, Map<String, String> assignment) {
    String external = "ig-" + UUID.randomUUID();
    String inbox = newInbox();
    String id = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(inbox, "instagram").from(external).id(id).text(text).build());
    awaitHandled(
        inbound.publish(
            "profiles",
            workspace,
            new ContactResolved(contact, "instagram", external, inbox, false, null)),
        "conversations.contacts");
    String conversationId = conversationOfMessage(id);
    if (!assignment.isEmpty()) {
      given()
          .contentType(ContentType.JSON)
          .body(assignment)
          .post("/api/conversations/" + conversationId + "/assign")
          .then()
          .statusCode(200);
    }
    return conversationId;
  }

  private static List<String> ids(String query) {
    return given()
        .get("/api/conversations?limit=100&" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.id");
  }

  private static void notFound(io.restassured.response.Response response) {
    response
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:not-found"));
  }
}
