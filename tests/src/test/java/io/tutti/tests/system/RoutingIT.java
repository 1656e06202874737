package io.tutti.tests.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An admin's routing rule decides who answers: ada writes "Instagram messages containing 'price' go
 * to Sales, priority high"; a customer asks "price?" in an Instagram DM, and the conversation lands
 * in Sales, assigned to sam (its only member) by the team's strategy, with the rule named in its
 * activity.
 *
 * <p>The rule also names this test's own inbox, so it routes nothing else of the running system
 * while it exists; it is deleted, and the conversation resolved, when the test ends.
 */
class RoutingIT {

  private static final String APP_SECRET = "system-test-routing-app-secret";

  @Test
  void anInstagramDmAskingForThePriceLandsInSalesWithSam() {
    String ada = RunningSystem.accessTokenFor("ada");
    String samToken = RunningSystem.accessTokenFor("sam");
    String sam = RunningSystem.claimsOf(samToken).getString("sub");
    // sam is at work: signed in, his web app's live socket beating.
    given()
        .auth()
        .oauth2(samToken)
        .when()
        .post(RunningSystem.GATEWAY_URL + "/api/agents/me/heartbeat")
        .then()
        .statusCode(204);
    given()
        .auth()
        .oauth2(samToken)
        .contentType(ContentType.JSON)
        .body(Map.of("availability", "online"))
        .when()
        .put(RunningSystem.GATEWAY_URL + "/api/agents/me")
        .then()
        .statusCode(200);
    String sales = teamNamed(ada, "Sales");
    String account = String.valueOf(System.currentTimeMillis());
    String customer = "7654321" + System.nanoTime() % 1_000_000_000L;
    JsonPath inbox =
        RunningSystem.connectInbox(
            Map.of(
                "name",
                "Instagram routing " + account,
                "channel",
                "instagram",
                "instagramAccountId",
                account,
                "accessToken",
                "IGAA-system-test-routing",
                "appSecret",
                APP_SECRET));
    String ruleName = "Price questions on Instagram to Sales " + account;
    String rule =
        given()
            .auth()
            .oauth2(ada)
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name",
                    ruleName,
                    "enabled",
                    true,
                    "trigger",
                    "conversation_opened",
                    "match",
                    "all",
                    "conditions",
                    List.of(
                        Map.of("field", "channel", "operator", "equals", "value", "instagram"),
                        Map.of("field", "message.text", "operator", "contains", "value", "price"),
                        Map.of(
                            "field",
                            "inbox",
                            "operator",
                            "equals",
                            "value",
                            inbox.getString("id"))),
                    "actions",
                    List.of(
                        Map.of("type", "assign_team", "teamId", sales),
                        Map.of("type", "set_priority", "value", "high")),
                    "stopAfter",
                    true))
            .when()
            .post(RunningSystem.GATEWAY_URL + "/api/routing-rules")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String conversation = null;
    try {
      RunningSystem.postMetaWebhook(
          inbox,
          APP_SECRET,
          RunningSystem.instagramDm(account, customer, "routing-" + account, "price?"));

      String inboxId = inbox.getString("id");
      JsonPath routed =
          RunningSystem.awaitQueue(
              ada, inboxId, page -> sam.equals(page.getString("items[0].assigneeId")));
      conversation = routed.getString("items[0].id");
      assertThat(routed.getString("items[0].teamId")).isEqualTo(sales);
      assertThat(routed.getString("items[0].priority")).isEqualTo("high");

      // sam finds it in his own queue.
      List<String> mine = RunningSystem.queue(samToken, "mine", inboxId).getList("items.id");
      assertThat(mine).containsExactly(conversation);

      String activity =
          given()
              .auth()
              .oauth2(ada)
              .when()
              .get(RunningSystem.GATEWAY_URL + "/api/conversations/" + conversation + "/activity")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertThat(activity).contains(ruleName);
    } finally {
      given()
          .auth()
          .oauth2(ada)
          .when()
          .delete(RunningSystem.GATEWAY_URL + "/api/routing-rules/" + rule)
          .then()
          .statusCode(204);
      if (conversation != null) {
        // sam's capacity is for real work, not for the conversations of earlier runs.
        given()
            .auth()
            .oauth2(ada)
            .contentType(ContentType.JSON)
            .body(Map.of("status", "resolved"))
            .when()
            .post(RunningSystem.GATEWAY_URL + "/api/conversations/" + conversation + "/status")
            .then()
            .statusCode(200);
      }
    }
  }

  private static String teamNamed(String token, String name) {
    JsonPath teams =
        given()
            .auth()
            .oauth2(token)
            .when()
            .get(RunningSystem.GATEWAY_URL + "/api/teams")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> all = teams.getList("$");
    return all.stream()
        .filter(team -> name.equals(team.get("name")))
        .map(team -> (String) team.get("id"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the demo workspace has no team " + name));
  }
}
