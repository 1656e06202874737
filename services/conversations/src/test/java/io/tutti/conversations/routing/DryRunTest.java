package io.tutti.conversations.routing;

import static io.restassured.RestAssured.given;
import static io.tutti.conversations.routing.Rules.action;
import static io.tutti.conversations.routing.Rules.condition;
import static io.tutti.conversations.routing.Rules.label;
import static io.tutti.conversations.routing.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Database;
import io.tutti.conversations.testing.Teams;
import io.tutti.events.testing.Callers;
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
class DryRunTest {

  private String workspace;
  private String adLeads;

  @BeforeEach
  void rules() {
    workspace = "ws-" + UUID.randomUUID();
    Callers.admin("ada", workspace);
    String sales = Teams.create("Sales", "sam");
    Map<String, Object> ads =
        rule(
            "Ad leads",
            "conversation_opened",
            List.of(
                condition("channel", "equals", "instagram"),
                condition("message.text", "contains", "price")),
            List.of(
                action("assign_team", "teamId", sales),
                action("set_priority", "value", "high"),
                action("webhook", "url", "https://crm.example.com/hooks")));
    ads.put("stopAfter", true);
    adLeads = Rules.create(ads).getString("id");
    Rules.create(
        rule(
            "Hurry",
            "conversation_opened",
            List.of(condition("message.text", "in", List.of("now", "asap", "至急"))),
            List.of(label("hot"))));
    Rules.create(
        rule(
            "Hot goes first",
            "conversation_opened",
            List.of(condition("label", "present", "hot")),
            List.of(action("set_priority", "value", "urgent"))));
    Rules.create(
        rule(
            "Japanese",
            "conversation_opened",
            List.of(condition("message.language", "equals", "ja")),
            List.of(label("ja"))));
    Rules.create(
        rule(
            "Customers",
            "conversation_opened",
            List.of(condition("contact.stage", "equals", "customer")),
            List.of(action("auto_reply", "text", "Welcome back!"))));
    Map<String, Object> off = rule("Off", "conversation_opened", List.of(), List.of(label("off")));
    off.put("enabled", false);
    Rules.create(off);
    Rules.create(
        rule(
            "On replies",
            "message_received",
            List.of(condition("message.text", "contains", "price")),
            List.of(label("asked-price"))));
  }

  @Test
  void answersTheRulesThatWouldApplyInOrderAndWhereStopAfterEndsThem() {
    JsonPath ad = dryRun(Map.of("channel", "instagram", "text", "What's the ＰＲＩＣＥ? I need it now"));
    assertThat(ad.getString("trigger")).isEqualTo("conversation_opened");
    assertThat(ad.getString("language")).isEqualTo("en");
    assertThat(ad.getList("matched.name")).containsExactly("Ad leads");
    assertThat(ad.getList("matched[0].actions.type"))
        .containsExactly("assign_team", "set_priority", "webhook");
    assertThat(ad.getInt("matched[0].order")).isEqualTo(1);
    assertThat(ad.getString("stoppedAfter.id")).isEqualTo(adLeads);
    assertThat(ad.getString("stoppedAfter.name")).isEqualTo("Ad leads");

    JsonPath japanese = dryRun(Map.of("channel", "telegram", "text", "至急お願いします"));
    assertThat(japanese.getList("matched.name"))
        .containsExactly("Hurry", "Hot goes first", "Japanese");
    assertThat(japanese.getString("language")).isEqualTo("ja");
    assertThat(japanese.getString("stoppedAfter")).isNull();

    JsonPath customer =
        dryRun(
            Map.of(
                "channel", "whatsapp",
                "text", "hello again",
                "contact", Map.of("stage", "customer", "attributes", Map.of("plan", "pro"))));
    assertThat(customer.getList("matched.name")).containsExactly("Customers");

    JsonPath reply =
        dryRun(
            Map.of(
                "channel", "instagram", "text", "and the price?", "trigger", "message_received"));
    assertThat(reply.getList("matched.name")).containsExactly("On replies");
  }

  @Test
  void changesNothing() {
    dryRun(Map.of("channel", "instagram", "text", "price now"));
    dryRun(Map.of("channel", "whatsapp", "text", "hi", "contact", Map.of("stage", "customer")));

    for (String table :
        List.of(
            "conversation",
            "message",
            "conversation_activity",
            "outbox_event",
            "webhook_delivery")) {
      assertThat(
              ((Number)
                      Database.single(
                          "select count(*) from " + table + " where workspace_id = ?", workspace))
                  .longValue())
          .as(table)
          .isZero();
    }
  }

  @Test
  void aSampleThatCannotBeAMessageIsRefused() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("channel", "pigeon", "text", "coo"))
        .post("/api/routing-rules/dry-run")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("channel"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("channel", "sms", "text", "hi", "trigger", "sometimes"))
        .post("/api/routing-rules/dry-run")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("trigger"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("text", "hi"))
        .post("/api/routing-rules/dry-run")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("channel"));
  }

  private static JsonPath dryRun(Map<String, ?> sample) {
    return given()
        .contentType(ContentType.JSON)
        .body(sample)
        .post("/api/routing-rules/dry-run")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
