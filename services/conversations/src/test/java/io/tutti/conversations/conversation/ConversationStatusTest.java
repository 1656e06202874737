package io.tutti.conversations.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Database;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.conversations.testing.Teams;
import io.tutti.events.EventTypes;
import io.tutti.events.testing.Callers;
import io.tutti.events.type.ConversationUpdated;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
class ConversationStatusTest extends ServiceTest {

  private String newConversation() {
    String id = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(newInbox(), "instagram").id(id).build());
    return conversationOfMessage(id);
  }

  @Test
  void statusChangesAreRecordedAndAnnouncedWithWhoMadeThem() {
    String id = newConversation();

    assertThat(setStatus(id, Map.of("status", "pending")).getString("status")).isEqualTo("pending");
    JsonPath resolved = setStatus(id, Map.of("status", "resolved"));
    assertThat(resolved.getString("status")).isEqualTo("resolved");
    assertThat(resolved.getString("resolvedAt")).isNotNull();
    JsonPath reopened = setStatus(id, Map.of("status", "open"));
    assertThat(reopened.getString("resolvedAt")).isNull();
    setStatus(id, Map.of("status", "open"));

    List<ConversationUpdated> updates =
        tap.await(workspace, EventTypes.CONVERSATION_UPDATED, 3).stream()
            .map(e -> (ConversationUpdated) e.payload())
            .toList();
    assertThat(updates)
        .extracting(ConversationUpdated::status)
        .containsExactly("pending", "resolved", "open");
    assertThat(updates).allSatisfy(u -> assertThat(u.changed()).containsExactly("status"));
    assertThat(updates).allSatisfy(u -> assertThat(u.by()).isEqualTo("ada"));
    JsonPath activity = activity(id);
    assertThat(activity.getList("items.type"))
        .containsExactly("status_changed", "status_changed", "status_changed", "opened");
    assertThat(activity.getString("items[0].details.from")).isEqualTo("resolved");
    assertThat(activity.getString("items[0].details.to")).isEqualTo("open");
    assertThat(activity.getString("items[0].actor")).isEqualTo("ada");
  }

  @Test
  void snoozeNeedsATimeInTheFutureAndOnlySnoozeTakesOne() {
    String id = newConversation();

    badStatus(id, Map.of("status", "snoozed"), "snoozeUntil");
    badStatus(
        id,
        Map.of("status", "snoozed", "snoozeUntil", Instant.now().minusSeconds(60).toString()),
        "snoozeUntil");
    badStatus(
        id,
        Map.of("status", "open", "snoozeUntil", Instant.now().plusSeconds(60).toString()),
        "snoozeUntil");
    badStatus(id, Map.of("status", "closed"), "status");
    assertThat(conversation(id).getString("status")).isEqualTo("open");
  }

  @Test
  void snoozedConversationWakesUpWhenItsTimeComes() {
    String id = newConversation();
    Instant until = Instant.now().plusSeconds(2);

    JsonPath snoozed = setStatus(id, Map.of("status", "snoozed", "snoozeUntil", until.toString()));
    assertThat(snoozed.getString("status")).isEqualTo("snoozed");

    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> conversation(id).getString("status").equals("open"));
    assertThat(conversation(id).getString("snoozeUntil")).isNull();
    JsonPath activity = activity(id);
    assertThat(activity.getString("items[0].actor")).isEqualTo("system");
    assertThat(activity.getString("items[0].details.from")).isEqualTo("snoozed");
    List<ConversationUpdated> updates =
        tap.await(workspace, EventTypes.CONVERSATION_UPDATED, 2).stream()
            .map(e -> (ConversationUpdated) e.payload())
            .toList();
    assertThat(updates.getLast().status()).isEqualTo("open");
    assertThat(updates.getLast().by()).isEqualTo("system");
  }

  @Test
  void resolvedConversationCannotReopenWhileTheCustomerHasAnotherOpenOne() {
    String inbox = newInbox();
    Received customer = Received.on(inbox, "whatsapp");
    String first = "wamid-" + UUID.randomUUID();
    receiveAndWait(customer.id(first).build());
    String old = conversationOfMessage(first);
    setStatus(old, Map.of("status", "resolved"));
    Database.update(
        "update conversation set resolved_at = resolved_at - interval '2 days' where id = ?",
        UUID.fromString(old));
    String next = "wamid-" + UUID.randomUUID();
    receiveAndWait(customer.id(next).build());
    assertThat(conversationOfMessage(next)).isNotEqualTo(old);

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("status", "open"))
        .when()
        .post("/api/conversations/" + old + "/status")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:conversation-conflict"));
    assertThat(conversation(old).getString("status")).isEqualTo("resolved");
  }

  @Test
  void assigningChangesOnlyWhatTheRequestNames() {
    String id = newConversation();
    String team = Teams.create("Billing " + UUID.randomUUID(), "alice");

    JsonPath assigned = assign(id, Map.of("assigneeId", "alice"));
    assertThat(assigned.getString("assigneeId")).isEqualTo("alice");
    JsonPath toTeam = assign(id, Map.of("teamId", team));
    assertThat(toTeam.getString("assigneeId")).isEqualTo("alice");
    assertThat(toTeam.getString("teamId")).isEqualTo(team);
    Map<String, Object> unassign = new HashMap<>();
    unassign.put("assigneeId", null);
    JsonPath unassigned = assign(id, unassign);
    assertThat(unassigned.getString("assigneeId")).isNull();
    assertThat(unassigned.getString("teamId")).isEqualTo(team);

    JsonPath activity = activity(id);
    assertThat(activity.getList("items.type"))
        .containsExactly("assignee_changed", "team_changed", "assignee_changed", "opened");
    assertThat(activity.getString("items[2].details.to")).isEqualTo("alice");
    assertThat(activity.getString("items[2].actor")).isEqualTo("ada");
    List<ConversationUpdated> updates =
        tap.await(workspace, EventTypes.CONVERSATION_UPDATED, 3).stream()
            .map(e -> (ConversationUpdated) e.payload())
            .toList();
    assertThat(updates)
        .extracting(u -> u.changed().getFirst())
        .containsExactly("assignee", "team", "assignee");
    assertThat(updates.get(1).teamId()).isEqualTo(team);
  }

  @Test
  void assignmentToATeamOfAnotherWorkspaceOrWithoutFieldsIsRefused() {
    String id = newConversation();
    String elsewhere = UUID.randomUUID().toString();
    Callers.admin("bob", elsewhere);
    String foreignTeam = Teams.create("Globex support");
    Callers.admin("ada", workspace);

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("teamId", foreignTeam))
        .post("/api/conversations/" + id + "/assign")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("teamId"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/api/conversations/" + id + "/assign")
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tutti:problem:validation"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("assigneeId", 42))
        .post("/api/conversations/" + id + "/assign")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("assigneeId"));
    assertThat(conversation(id).getString("teamId")).isNull();
  }

  @Test
  void priorityAndLabelsAreSetAndLogged() {
    String id = newConversation();

    JsonPath prioritised =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("priority", "urgent"))
            .put("/api/conversations/" + id + "/priority")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(prioritised.getString("priority")).isEqualTo("urgent");
    JsonPath labelled = labels(id, List.of("VIP", " refund ", "vip"));
    assertThat(labelled.getList("labels")).containsExactly("vip", "refund");
    labels(id, List.of("refund", "damaged item"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("priority", "critical"))
        .put("/api/conversations/" + id + "/priority")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("priority"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("labels", List.of("ok", "#bad")))
        .put("/api/conversations/" + id + "/labels")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("labels[1]"));

    JsonPath activity = activity(id);
    assertThat(activity.getList("items.type"))
        .containsExactly("labels_changed", "labels_changed", "priority_changed", "opened");
    assertThat(activity.getList("items[0].details.added")).containsExactly("damaged item");
    assertThat(activity.getList("items[0].details.removed")).containsExactly("vip");
    assertThat(conversation(id).getList("labels")).containsExactly("refund", "damaged item");
  }

  @Test
  void readingClearsTheUnreadCountOfTheReaderOnly() {
    String inbox = newInbox();
    Received customer = Received.on(inbox, "telegram");
    String first = "chat:" + UUID.randomUUID();
    receiveAndWait(customer.id(first).build());
    receiveAndWait(customer.id("chat:" + UUID.randomUUID()).build());
    String id = conversationOfMessage(first);
    assertThat(conversation(id).getInt("unreadCount")).isEqualTo(2);

    given().post("/api/conversations/" + id + "/read").then().statusCode(204);

    assertThat(conversation(id).getInt("unreadCount")).isZero();
    Callers.agent("alice", workspace);
    assertThat(conversation(id).getInt("unreadCount")).isEqualTo(2);
    Callers.admin("ada", workspace);
    receiveAndWait(customer.id("chat:" + UUID.randomUUID()).build());
    assertThat(conversation(id).getInt("unreadCount")).isEqualTo(1);
  }

  private static JsonPath assign(String id, Map<String, ?> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/conversations/" + id + "/assign")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath labels(String id, List<String> labels) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("labels", labels))
        .put("/api/conversations/" + id + "/labels")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath activity(String id) {
    return given()
        .get("/api/conversations/" + id + "/activity")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void badStatus(String id, Map<String, ?> body, String field) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/conversations/" + id + "/status")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(field));
  }
}
