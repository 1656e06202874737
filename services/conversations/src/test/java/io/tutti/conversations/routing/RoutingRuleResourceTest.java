package io.tutti.conversations.routing;

import static io.restassured.RestAssured.given;
import static io.tutti.conversations.routing.Rules.action;
import static io.tutti.conversations.routing.Rules.condition;
import static io.tutti.conversations.routing.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Teams;
import io.tutti.events.testing.Callers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class RoutingRuleResourceTest {

  private String workspace;

  @BeforeEach
  void asAdmin() {
    workspace = "ws-" + UUID.randomUUID();
    Callers.admin("ada", workspace);
  }

  @Test
  void adminSavesARuleAndReadsItBackAsWritten() {
    String sales = Teams.create("Sales", "sam");
    JsonPath created =
        given()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name",
                    "Ad leads to sales",
                    "enabled",
                    true,
                    "trigger",
                    "conversation_opened",
                    "match",
                    "all",
                    "conditions",
                    List.of(
                        condition("channel", "equals", "instagram"),
                        condition("message.text", "contains", "price"),
                        condition("conversation.waiting_minutes", ">", 5)),
                    "actions",
                    List.of(
                        action("assign_team", "teamId", sales),
                        action("set_priority", "value", "high")),
                    "stopAfter",
                    true))
            .when()
            .post("/api/routing-rules")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/routing-rules/"))
            .extract()
            .jsonPath();

    assertThat(created.getString("name")).isEqualTo("Ad leads to sales");
    assertThat(created.getBoolean("enabled")).isTrue();
    assertThat(created.getInt("order")).isEqualTo(1);
    assertThat(created.getString("trigger")).isEqualTo("conversation_opened");
    assertThat(created.getString("match")).isEqualTo("all");
    assertThat(created.getList("conditions.field"))
        .containsExactly("channel", "message.text", "conversation.waiting_minutes");
    assertThat(created.getList("conditions.operator")).containsExactly("equals", "contains", "gt");
    assertThat(created.getList("actions.type")).containsExactly("assign_team", "set_priority");
    assertThat(created.getString("actions[0].teamId")).isEqualTo(sales);
    assertThat(created.getMap("actions[1]")).containsOnlyKeys("type", "value");
    assertThat(created.getBoolean("stopAfter")).isTrue();
    assertThat(created.getString("createdAt")).isNotNull();
    assertThat(created.getString("updatedAt")).isNotNull();

    String id = created.getString("id");
    given()
        .get("/api/routing-rules/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Ad leads to sales"))
        .body("conditions[1].value", equalTo("price"));

    Map<String, Object> changed =
        rule(
            "Ad leads",
            "message_received",
            List.of(),
            List.of(action("add_label", "value", "Ad Lead")));
    changed.put("enabled", false);
    given()
        .contentType(ContentType.JSON)
        .body(changed)
        .put("/api/routing-rules/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Ad leads"))
        .body("enabled", equalTo(false))
        .body("match", equalTo("all"))
        .body("stopAfter", equalTo(false))
        .body("actions[0].value", equalTo("ad lead"));

    given().delete("/api/routing-rules/" + id).then().statusCode(204);
    given().get("/api/routing-rules/" + id).then().statusCode(404);
    assertThat(list().getList("id")).isEmpty();
  }

  @Test
  void rulesKeepOneOrderThatCreatingAndMovingRespects() {
    String a = Rules.labelWhen("a", List.of());
    String b = Rules.labelWhen("b", "message_received", List.of());
    Map<String, Object> first =
        rule("c", "conversation_opened", List.of(), List.of(Rules.label("c")));
    first.put("order", 1);
    String c = Rules.create(first).getString("id");
    assertThat(list().getList("id")).containsExactly(c, a, b);
    assertThat(list().getList("order")).containsExactly(1, 2, 3);

    Map<String, Object> last =
        rule("c", "conversation_opened", List.of(), List.of(Rules.label("c")));
    last.put("order", 99);
    given()
        .contentType(ContentType.JSON)
        .body(last)
        .put("/api/routing-rules/" + c)
        .then()
        .statusCode(200)
        .body("order", equalTo(3));
    assertThat(list().getList("id")).containsExactly(a, b, c);

    Map<String, Object> unchanged =
        rule("b renamed", "message_received", List.of(), List.of(Rules.label("b")));
    given()
        .contentType(ContentType.JSON)
        .body(unchanged)
        .put("/api/routing-rules/" + b)
        .then()
        .statusCode(200)
        .body("order", equalTo(2));

    given().delete("/api/routing-rules/" + a).then().statusCode(204);
    assertThat(list().getList("id")).containsExactly(b, c);
    assertThat(list().getList("order")).containsExactly(1, 2);
  }

  @Test
  void onlyAdminsSeeRulesAndOnlyTheirWorkspaces() {
    String id = Rules.labelWhen("mine", List.of());

    Callers.agent("alice", workspace);
    given().get("/api/routing-rules").then().statusCode(403);
    given().get("/api/routing-rules/" + id).then().statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(rule("x", "conversation_opened", List.of(), List.of(Rules.label("x"))))
        .post("/api/routing-rules")
        .then()
        .statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("channel", "sms", "text", "hi"))
        .post("/api/routing-rules/dry-run")
        .then()
        .statusCode(403);

    Callers.admin("bob", "ws-" + UUID.randomUUID());
    assertThat(list().getList("id")).isEmpty();
    given().get("/api/routing-rules/" + id).then().statusCode(404);
    given()
        .contentType(ContentType.JSON)
        .body(rule("x", "conversation_opened", List.of(), List.of(Rules.label("x"))))
        .put("/api/routing-rules/" + id)
        .then()
        .statusCode(404);
    given().delete("/api/routing-rules/" + id).then().statusCode(404);
  }

  @Test
  void everyMistakeInARuleIsNamed() {
    List<Map<String, Object>> fine = List.of(Rules.label("ok"));
    invalid(
        rule("x", "conversation_opened", List.of(condition("mood", "equals", "happy")), fine),
        "conditions[0].field",
        "not a field");
    invalid(
        rule("x", "conversation_opened", List.of(condition("channel", "resembles", "sms")), fine),
        "conditions[0].operator",
        "not an operator");
    invalid(
        rule("x", "conversation_opened", List.of(condition("channel", "contains", "sms")), fine),
        "conditions[0].operator",
        "does not apply to channel");
    invalid(
        rule(
            "x",
            "conversation_opened",
            List.of(condition("conversation.waiting_minutes", "matches", "1")),
            fine),
        "conditions[0].operator",
        "does not apply");
    invalid(
        rule("x", "conversation_opened", List.of(condition("message.text", "contains")), fine),
        "conditions[0].value",
        "is required");
    invalid(
        rule("x", "conversation_opened", List.of(condition("message.text", "in", "price")), fine),
        "conditions[0].value",
        "list");
    invalid(
        rule("x", "conversation_opened", List.of(condition("channel", "equals", "pigeon")), fine),
        "conditions[0].value",
        "must be one of");
    invalid(
        rule(
            "x",
            "conversation_opened",
            List.of(condition("message.text", "matches", "(unclosed")),
            fine),
        "conditions[0].value",
        "not a valid regular expression");
    invalid(
        rule(
            "x",
            "conversation_opened",
            List.of(condition("conversation.waiting_minutes", "gt", "soon")),
            fine),
        "conditions[0].value",
        "must be a number");
    invalid(
        rule(
            "x",
            "conversation_opened",
            List.of(condition("conversation.changed", "in", List.of("status"))),
            fine),
        "conditions[0].field",
        "only known on");
    invalid(rule("x", "whenever", List.of(), fine), "trigger", "not a trigger");
    Map<String, Object> badMatch = rule("x", "conversation_opened", List.of(), fine);
    badMatch.put("match", "most");
    invalid(badMatch, "match", "all or any");
    invalid(
        rule("x", "conversation_opened", List.of(), List.of(action("teleport"))),
        "actions[0].type",
        "not an action");
    invalid(
        rule(
            "x",
            "conversation_opened",
            List.of(),
            List.of(action("assign_team", "teamId", UUID.randomUUID().toString()))),
        "actions[0].teamId",
        "names no team of your workspace");
    String otherTeam = otherWorkspacesTeam();
    invalid(
        rule(
            "x",
            "conversation_opened",
            List.of(),
            List.of(action("assign_team", "teamId", otherTeam))),
        "actions[0].teamId",
        "names no team of your workspace");
    invalid(
        rule(
            "x",
            "conversation_opened",
            List.of(),
            List.of(action("assign_strategy", "teamId", Teams.create("Support"), "strategy", ""))),
        "actions[0].strategy",
        "is required");
    invalid(
        rule(
            "x",
            "conversation_opened",
            List.of(),
            List.of(action("assign_agent", "agentId", "nobody"))),
        "actions[0].agentId",
        "names no agent of your workspace");
    invalid(
        rule(
            "x",
            "conversation_opened",
            List.of(),
            List.of(action("set_priority", "value", "asap"))),
        "actions[0].value",
        "must be one of");
    invalid(
        rule(
            "x",
            "conversation_opened",
            List.of(),
            List.of(action("set_status", "value", "snoozed"))),
        "actions[0].snoozeMinutes",
        "is required with snoozed");
    invalid(
        rule(
            "x",
            "conversation_opened",
            List.of(),
            List.of(action("auto_reply", "text", "Your order {{order.number}}"))),
        "actions[0].text",
        "unknown placeholders");
    invalid(
        rule("x", "conversation_opened", List.of(), List.of(action("add_note"))),
        "actions[0].text",
        "is required");
    invalid(
        rule(
            "x",
            "conversation_opened",
            List.of(),
            List.of(action("webhook", "url", "ftp://example.com/hook"))),
        "actions[0].url",
        "http or https");
    invalid(
        rule(
            "x",
            "conversation_opened",
            List.of(),
            List.of(action("webhook", "url", "/relative/hook"))),
        "actions[0].url",
        "http or https");
    invalid(rule(" ", "conversation_opened", List.of(), fine), "name", "");
    invalid(rule("x", "conversation_opened", List.of(), List.of()), "actions", "");

    List<Map<String, Object>> many = new ArrayList<>();
    for (int i = 0; i < RoutingRuleRequest.MAX_CONDITIONS + 1; i++) {
      many.add(condition("message.text", "contains", "w" + i));
    }
    invalid(rule("x", "conversation_opened", many, fine), "conditions", "");
    List<Map<String, Object>> tooMany = new ArrayList<>();
    for (int i = 0; i < RoutingRuleRequest.MAX_ACTIONS + 1; i++) {
      tooMany.add(Rules.label("l" + i));
    }
    invalid(rule("x", "conversation_opened", List.of(), tooMany), "actions", "");

    Map<String, Object> wrongType =
        new HashMap<>(rule("x", "conversation_opened", List.of(), fine));
    wrongType.put("order", "first");
    given()
        .contentType(ContentType.JSON)
        .body(wrongType)
        .post("/api/routing-rules")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    assertThat(list().getList("id")).isEmpty();
  }

  private String otherWorkspacesTeam() {
    Callers.admin("bob", "ws-" + UUID.randomUUID());
    String team = Teams.create("Elsewhere");
    Callers.admin("ada", workspace);
    return team;
  }

  private static void invalid(Map<String, ?> body, String field, String message) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/routing-rules")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(field))
        .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
  }

  private static JsonPath list() {
    return given().get("/api/routing-rules").then().statusCode(200).extract().jsonPath();
  }
}
