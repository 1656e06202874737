package io.tutti.conversations.routing;

import static io.restassured.RestAssured.given;
import static io.tutti.conversations.routing.Rules.action;
import static io.tutti.conversations.routing.Rules.condition;
import static io.tutti.conversations.routing.Rules.label;
import static io.tutti.conversations.routing.Rules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
import io.tutti.events.type.ConversationUpdated;
import io.tutti.events.type.OutboundRequested;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.http.HttpServer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** Each action, the order rules run in, and what happens when a rule cannot act. */
@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class RoutingActionsTest extends ServiceTest {

  @Test
  void teamRuleRoutesTheConversationAndTheActivitySaysWhichRule() {
    String sales = Teams.create("Sales", "sam");
    String rule =
        Rules.create(
                rule(
                    "Ad leads",
                    "conversation_opened",
                    List.of(condition("channel", "equals", "instagram")),
                    List.of(
                        action("assign_team", "teamId", sales),
                        action("set_priority", "value", "high"))))
            .getString("id");

    String id = conversationOf(Received.on(newInbox(), "instagram").named("Ana Souza"));

    JsonPath conversation = conversation(id);
    assertThat(conversation.getString("teamId")).isEqualTo(sales);
    assertThat(conversation.getString("assigneeId")).isNull();
    assertThat(conversation.getString("priority")).isEqualTo("high");
    JsonPath activity = activity(id);
    assertThat(activity.getList("type"))
        .containsSubsequence("rule_applied", "team_changed", "opened");
    assertThat(activity.getList("type")).containsSubsequence("rule_applied", "priority_changed");
    Map<String, Object> applied = entry(activity, "rule_applied");
    assertThat(applied.get("actor")).isEqualTo("rule:" + rule);
    assertThat(details(applied))
        .containsEntry("ruleId", rule)
        .containsEntry("ruleName", "Ad leads");
    assertThat(activity.getList("find { it.type == 'rule_applied' }.details.actions.type"))
        .containsExactly("assign_team", "set_priority");
    assertThat(details(entry(activity, "team_changed")))
        .containsEntry("to", sales)
        .containsEntry("reason", "rule 'Ad leads'")
        .containsEntry("summary", "routed to Sales by rule 'Ad leads'");
    assertThat(details(entry(activity, "priority_changed"))).containsEntry("to", "high");

    List<ConversationUpdated> updates =
        tap.await(workspace, EventTypes.CONVERSATION_UPDATED, 2).stream()
            .map(e -> (ConversationUpdated) e.payload())
            .toList();
    assertThat(updates).extracting(ConversationUpdated::by).containsOnly("rule:" + rule);
    assertThat(updates.getLast().teamId()).isEqualTo(sales);
    assertThat(updates.getLast().priority()).isEqualTo("high");
    assertThat(tap.await(workspace, EventTypes.CONVERSATION_OPENED, 1)).hasSize(1);
  }

  @Test
  void strategyAndAgentAssignmentsGoThroughAssignment() {
    String support = Teams.create("Support", "alice");
    Rules.create(
        rule(
            "by strategy",
            "conversation_opened",
            List.of(condition("channel", "equals", "email")),
            List.of(
                action(
                    "assign_strategy",
                    "teamId",
                    support,
                    "strategy",
                    "round_robin",
                    "requiredSkills",
                    List.of("German")))));
    Rules.create(
        rule(
            "to alice",
            "conversation_opened",
            List.of(condition("channel", "equals", "sms")),
            List.of(action("assign_agent", "agentId", "alice"))));

    assertThat(conversation(conversationOf(Received.on(newInbox(), "email"))).getString("teamId"))
        .isEqualTo(support);
    String sms = conversationOf(Received.on(newInbox(), "sms"));
    assertThat(conversation(sms).getString("assigneeId")).isEqualTo("alice");
    assertThat(details(entry(activity(sms), "assignee_changed")))
        .containsEntry("to", "alice")
        .containsEntry("summary", "assigned to alice by rule 'to alice'");
  }

  @Test
  void theTeamsBusinessHoursDecideAndSnoozeUntilItWorksAgain() {
    // Tokyo: one team works round the clock, the other only on days that are neither today nor
    // tomorrow there, so the test means the same whenever it runs.
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    DayOfWeek today = LocalDate.now(tokyo).getDayOfWeek();
    List<String> allDays = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    List<String> otherDays =
        allDays.stream()
            .filter(
                day ->
                    !day.equals(allDays.get(today.getValue() - 1))
                        && !day.equals(allDays.get(today.plus(1).getValue() - 1)))
            .toList();
    String always =
        Teams.create(
            Map.of(
                "name",
                "Always " + UUID.randomUUID(),
                "timeZone",
                "Asia/Tokyo",
                "businessHours",
                List.of(Map.of("days", allDays, "from", "00:00", "to", "24:00"))));
    String later =
        Teams.create(
            Map.of(
                "name",
                "Later " + UUID.randomUUID(),
                "timeZone",
                "Asia/Tokyo",
                "businessHours",
                List.of(Map.of("days", otherDays, "from", "09:00", "to", "18:00"))));
    Rules.create(
        rule(
            "sms to always",
            "conversation_opened",
            List.of(condition("channel", "equals", "sms")),
            List.of(action("assign_team", "teamId", always))));
    Rules.create(
        rule(
            "telegram to later",
            "conversation_opened",
            List.of(condition("channel", "equals", "telegram")),
            List.of(action("assign_team", "teamId", later))));
    Rules.create(
        rule(
            "in hours",
            "conversation_opened",
            List.of(condition("business_hours", "equals", "in")),
            List.of(label("in-hours"))));
    Rules.create(
        rule(
            "closed",
            "conversation_opened",
            List.of(condition("business_hours", "equals", "out")),
            List.of(
                label("closed"),
                action("set_status", "value", "snoozed", "until", "business_hours"))));

    JsonPath served = conversation(conversationOf(Received.on(newInbox(), "sms")));
    assertThat(served.getList("labels")).containsExactly("in-hours");
    assertThat(served.getString("status")).isEqualTo("open");

    JsonPath waiting = conversation(conversationOf(Received.on(newInbox(), "telegram")));
    assertThat(waiting.getList("labels")).containsExactly("closed");
    assertThat(waiting.getString("status")).isEqualTo("snoozed");
    ZonedDateTime wakes = Instant.parse(waiting.getString("snoozeUntil")).atZone(tokyo);
    assertThat(wakes.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
    assertThat(otherDays).contains(allDays.get(wakes.getDayOfWeek().getValue() - 1));
    assertThat(wakes.toLocalDate()).isAfter(LocalDate.now(tokyo).plusDays(1));

    // Without a team there are no hours: neither rule applies.
    assertThat(conversation(conversationOf(Received.on(newInbox(), "email"))).getList("labels"))
        .isEmpty();
  }

  @Test
  void snoozingUntilBusinessHoursIsOneWayOfSnoozing() {
    given()
        .contentType(ContentType.JSON)
        .body(
            rule(
                "both",
                "conversation_opened",
                List.of(condition("channel", "equals", "sms")),
                List.of(
                    action(
                        "set_status",
                        "value",
                        "snoozed",
                        "until",
                        "business_hours",
                        "snoozeMinutes",
                        30))))
        .when()
        .post("/api/routing-rules")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("actions[0].snoozeMinutes"));
    given()
        .contentType(ContentType.JSON)
        .body(
            rule(
                "not snoozed",
                "conversation_opened",
                List.of(condition("channel", "equals", "sms")),
                List.of(action("set_status", "value", "pending", "until", "business_hours"))))
        .when()
        .post("/api/routing-rules")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("actions[0].until"));
  }

  @Test
  void labelsPriorityAndStatusAreSetByRules() {
    Rules.create(
        rule(
            "leads",
            "conversation_opened",
            List.of(condition("channel", "equals", "instagram")),
            List.of(label("Lead"), action("set_status", "value", "snoozed", "snoozeMinutes", 30))));
    Rules.create(
        rule(
            "not interested",
            "message_received",
            List.of(condition("message.text", "contains", "not interested")),
            List.of(
                action("remove_label", "value", "lead"),
                action("set_priority", "value", "low"),
                action("set_status", "value", "resolved"))));
    Rules.create(
        rule(
            "waiting on customer",
            "conversation_opened",
            List.of(condition("channel", "equals", "sms")),
            List.of(action("set_status", "value", "pending"))));

    String customer = "ig-" + UUID.randomUUID();
    String inbox = newInbox();
    String id = conversationOf(Received.on(inbox, "instagram").from(customer).text("Hi"));
    JsonPath snoozed = conversation(id);
    assertThat(snoozed.getList("labels")).containsExactly("lead");
    assertThat(snoozed.getString("status")).isEqualTo("snoozed");
    assertThat(Instant.parse(snoozed.getString("snoozeUntil")))
        .isBetween(
            Instant.now().plus(Duration.ofMinutes(28)), Instant.now().plus(Duration.ofMinutes(31)));

    // The customer's next message opens it again; then a rule resolves it.
    assertThat(
            conversationOf(
                Received.on(inbox, "instagram").from(customer).text("Not interested, thanks")))
        .isEqualTo(id);
    JsonPath resolved = conversation(id);
    assertThat(resolved.getList("labels")).isEmpty();
    assertThat(resolved.getString("priority")).isEqualTo("low");
    assertThat(resolved.getString("status")).isEqualTo("resolved");

    assertThat(conversation(conversationOf(Received.on(newInbox(), "sms"))).getString("status"))
        .isEqualTo("pending");
  }

  @Test
  void autoReplyGoesOutOnTheChannelAsTheRuleAndTheCustomerStillWaits() {
    String rule =
        Rules.create(
                rule(
                    "Welcome",
                    "conversation_opened",
                    List.of(),
                    List.of(
                        action(
                            "auto_reply",
                            "text",
                            "Hi {{contact.first_name}}, thanks for writing!{{agent.name}}"))))
            .getString("id");

    String id = conversationOf(Received.on(newInbox(), "whatsapp").named("Ana Souza"));
    String nameless = conversationOf(Received.on(newInbox(), "telegram"));

    List<OutboundRequested> sent =
        tap.await(workspace, EventTypes.OUTBOUND_REQUESTED, 2).stream()
            .map(e -> (OutboundRequested) e.payload())
            .toList();
    assertThat(sent)
        .extracting(OutboundRequested::conversationId, OutboundRequested::text)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(id, "Hi Ana, thanks for writing!"),
            org.assertj.core.groups.Tuple.tuple(nameless, "Hi , thanks for writing!"));
    assertThat(sent).extracting(OutboundRequested::authorName).containsOnly("Welcome");
    JsonPath thread = messages(id);
    assertThat(thread.getList("items.direction")).containsExactly("in", "out");
    assertThat(thread.getString("items[1].senderId")).isEqualTo("rule:" + rule);
    assertThat(thread.getString("items[1].authorName")).isEqualTo("Welcome");
    assertThat(thread.getString("items[1].status")).isEqualTo("pending");
    assertThat(conversation(id).getString("waitingSince")).isNotNull();
  }

  @Test
  void noteStaysInsideTutti() {
    Rules.create(
        rule(
            "Heads-up",
            "message_received",
            List.of(condition("message.text", "contains", "lawyer")),
            List.of(action("add_note", "text", "{{contact.name}} mentions a lawyer: escalate."))));

    String id =
        conversationOf(Received.on(newInbox(), "email").named("Bo").text("My lawyer will call"));

    JsonPath thread = messages(id);
    assertThat(thread.getList("items.kind")).containsExactly("message", "note");
    assertThat(thread.getBoolean("items[1].private")).isTrue();
    assertThat(thread.getString("items[1].text")).isEqualTo("Bo mentions a lawyer: escalate.");
    assertThat(
            ((Number)
                    Database.single(
                        "select count(*) from outbox_event where workspace_id = ? and type = ?",
                        workspace,
                        EventTypes.OUTBOUND_REQUESTED))
                .longValue())
        .isZero();
  }

  @Test
  void rulesRunInOrderStopAfterEndsTheRunAndDisabledRulesAreSkipped() {
    String first = Rules.labelWhen("first", List.of());
    String second =
        Rules.create(
                withStop(
                    rule("second", "conversation_opened", List.of(), List.of(label("second")))))
            .getString("id");
    String third = Rules.labelWhen("third", List.of());
    Map<String, Object> off = rule("off", "conversation_opened", List.of(), List.of(label("off")));
    off.put("enabled", false);
    off.put("order", 1);
    Rules.create(off);

    assertThat(conversation(conversationOf(Received.on(newInbox(), "sms"))).getList("labels"))
        .containsExactly("first", "second");

    Map<String, Object> moved =
        rule("third", "conversation_opened", List.of(), List.of(label("third")));
    moved.put("order", 1);
    given()
        .contentType(ContentType.JSON)
        .body(moved)
        .put("/api/routing-rules/" + third)
        .then()
        .statusCode(200);
    assertThat(conversation(conversationOf(Received.on(newInbox(), "sms"))).getList("labels"))
        .containsExactly("third", "first", "second");
    assertThat(List.of(first, second)).doesNotContain(third);
  }

  @Test
  void aRuleThatCannotActIsSkippedAndTheMessageIsKept() {
    String gone = Teams.create("Night shift", "nina");
    Rules.create(
        rule(
            "to the night shift",
            "conversation_opened",
            List.of(),
            List.of(label("routed"), action("assign_team", "teamId", gone))));
    Rules.labelWhen("after", List.of());
    Database.update("delete from team where id = ?", UUID.fromString(gone));

    String mid = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(newInbox(), "instagram").id(mid).text("Still here?").build());
    String id = conversationOfMessage(mid);

    assertThat(messages(id).getList("items.text")).containsExactly("Still here?");
    JsonPath conversation = conversation(id);
    assertThat(conversation.getList("labels")).containsExactly("after");
    assertThat(conversation.getString("teamId")).isNull();
    Map<String, Object> failed = entry(activity(id), "rule_failed");
    assertThat(details(failed)).containsEntry("ruleName", "to the night shift");
    assertThat((String) details(failed).get("error")).contains("no longer exists");
  }

  @Test
  void aRulesOwnChangesDoNotRunUpdateRulesAgain() {
    String rule =
        Rules.create(
                rule(
                    "touch",
                    "conversation_updated",
                    List.of(),
                    List.of(label("touched"), action("set_priority", "value", "high"))))
            .getString("id");
    String id = conversationOf(Received.on(newInbox(), "web"));

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("labels", List.of("billing")))
        .put("/api/conversations/" + id + "/labels")
        .then()
        .statusCode(200);

    JsonPath conversation = conversation(id);
    assertThat(conversation.getList("labels")).containsExactly("billing", "touched");
    assertThat(conversation.getString("priority")).isEqualTo("high");
    assertThat(activity(id).getList("findAll { it.type == 'rule_applied' }")).hasSize(1);
    List<ConversationUpdated> updates =
        tap.await(workspace, EventTypes.CONVERSATION_UPDATED, 2).stream()
            .map(e -> (ConversationUpdated) e.payload())
            .toList();
    assertThat(updates).extracting(ConversationUpdated::by).containsExactly("ada", "rule:" + rule);

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("assigneeId", "ada"))
        .post("/api/conversations/" + id + "/assign")
        .then()
        .statusCode(200);
    assertThat(activity(id).getList("findAll { it.type == 'rule_applied' }")).hasSize(2);
    assertThat(
            ((Number)
                    Database.single(
                        "select count(*) from outbox_event where workspace_id = ? and type = ?",
                        workspace,
                        EventTypes.CONVERSATION_UPDATED))
                .longValue())
        .isEqualTo(3);
  }

  @Test
  void webhookIsPostedAfterTheMessageCommittedAndRetriedAfterA500() {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    HttpServer server = fakeReceiver(received, call -> call == 1 ? 500 : 204);
    try {
      String rule =
          Rules.create(
                  rule(
                      "Tell the CRM",
                      "conversation_opened",
                      List.of(condition("referral.source", "present")),
                      List.of(
                          action(
                              "webhook",
                              "url",
                              "http://127.0.0.1:"
                                  + server.actualPort()
                                  + "/hooks/tutti?token=s3cret"))))
              .getString("id");

      String id =
          conversationOf(
              Received.on(newInbox(), "messenger")
                  .text("Is this still available?")
                  .referral(
                      new io.tutti.events.type.Referral("ADS", "ad-7", "Autumn", null, null)));

      await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
      JsonObject body = received.getLast();
      assertThat(body.getString("type")).isEqualTo("routing_rule.matched");
      assertThat(body.getJsonObject("rule").getString("id")).isEqualTo(rule);
      assertThat(body.getJsonObject("rule").getString("name")).isEqualTo("Tell the CRM");
      assertThat(body.getJsonObject("conversation").getString("id")).isEqualTo(id);
      assertThat(body.getJsonObject("message").getString("text"))
          .isEqualTo("Is this still available?");
      assertThat(body.getJsonObject("message").getJsonObject("referral").getString("adId"))
          .isEqualTo("ad-7");
      assertThat(received.getFirst().getString("id")).isEqualTo(body.getString("id"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  "delivered"
                      .equals(
                          Database.single(
                              "select status from webhook_delivery where conversation_id = ?",
                              UUID.fromString(id))));
      assertThat(
              ((Number)
                      Database.single(
                          "select attempts from webhook_delivery where conversation_id = ?",
                          UUID.fromString(id)))
                  .intValue())
          .isEqualTo(2);
    } finally {
      server.closeAndAwait();
    }
  }

  @Test
  void webhookThatKeepsFailingIsGivenUpAndRecordedOnTheConversation() {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    HttpServer server = fakeReceiver(received, call -> 503);
    try {
      Rules.create(
          rule(
              "Broken CRM",
              "conversation_opened",
              List.of(),
              List.of(
                  action(
                      "webhook",
                      "url",
                      "http://127.0.0.1:" + server.actualPort() + "/hook?key=k"))));

      String id = conversationOf(Received.on(newInbox(), "sms"));

      Map<String, Object> failed =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(() -> entryOrNull(activity(id), "webhook_failed"), entry -> entry != null);
      assertThat(details(failed))
          .containsEntry("ruleName", "Broken CRM")
          .containsEntry("attempts", 3)
          .containsEntry("url", "http://127.0.0.1:" + server.actualPort() + "/hook")
          .containsEntry("error", "answered HTTP 503");
      assertThat(received).hasSize(3);
    } finally {
      server.closeAndAwait();
    }
  }

  /** A receiver on this machine that answers the n-th call with {@code status.applyAsInt(n)}. */
  private HttpServer fakeReceiver(List<JsonObject> received, IntUnaryOperator status) {
    AtomicInteger calls = new AtomicInteger();
    return vertx
        .createHttpServer()
        .requestHandler(
            request ->
                request
                    .body()
                    .subscribe()
                    .with(
                        body -> {
                          received.add(body.toJsonObject());
                          request
                              .response()
                              .setStatusCode(status.applyAsInt(calls.incrementAndGet()))
                              .endAndForget();
                        }))
        .listenAndAwait(0, "127.0.0.1");
  }

  private static Map<String, Object> withStop(Map<String, Object> rule) {
    rule.put("stopAfter", true);
    return rule;
  }

  private String conversationOf(Received message) {
    String mid = "mid-" + UUID.randomUUID();
    receiveAndWait(message.id(mid).build());
    return conversationOfMessage(mid);
  }

  private static JsonPath activity(String conversationId) {
    return given()
        .get("/api/conversations/" + conversationId + "/activity?limit=100")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .setRootPath("items");
  }

  private static Map<String, Object> entry(JsonPath activity, String type) {
    Map<String, Object> found = entryOrNull(activity, type);
    assertThat(found).as("activity %s", type).isNotNull();
    return found;
  }

  private static Map<String, Object> entryOrNull(JsonPath activity, String type) {
    return activity.getMap("find { it.type == '" + type + "' }");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(Map<String, Object> entry) {
    return (Map<String, Object>) entry.get("details");
  }
}
