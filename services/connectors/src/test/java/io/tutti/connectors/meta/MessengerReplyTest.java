package io.tutti.connectors.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.Customers;
import io.tutti.connectors.testing.FakePlatforms;
import io.tutti.connectors.testing.Fixtures;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.connectors.testing.OutboundTest;
import io.tutti.connectors.testing.Replies;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.OutboundRequested;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class MessengerReplyTest extends OutboundTest {

  private static final String SEND_RESPONSE =
      new String(Fixtures.bytes("messenger/send_api_text_response.json"), StandardCharsets.UTF_8);

  @Test
  void replyOnMessengerIsSentThroughTheSendApi() {
    String page = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.messenger(page);
    Customers.writeOnMeta(inbox, "page", page, "5275811702471834", Instant.now().minusSeconds(60));
    String path = FakePlatforms.GRAPH + "/" + page + "/messages";
    FakePlatforms.answer(path, 200, SEND_RESPONSE);

    OutboundRequested reply =
        Replies.text(inbox.getString("id"), "messenger", "5275811702471834", "Hello!");
    Replies.send(vertx, reply);

    MessageStatusChanged sent = awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    assertThat(sent.platformMessageId())
        .isEqualTo(new JsonObject(SEND_RESPONSE).getString("message_id"));
    assertThat(sent.inboxId()).isEqualTo(inbox.getString("id"));
    assertThat(sent.channel()).isEqualTo("messenger");

    List<LoggedRequest> requests = FakePlatforms.requestsTo(path);
    assertThat(requests).hasSize(1);
    LoggedRequest request = requests.getFirst();
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + Inboxes.META_ACCESS_TOKEN);
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    // Meta's own example request, with the customer's page-scoped id and the messaging type.
    JsonObject documented =
        new JsonObject(
                new String(
                        Fixtures.bytes("messenger/send_api_text_request.json"),
                        StandardCharsets.UTF_8)
                    .replace("{{page-scoped-id}}", "5275811702471834"))
            .put("messaging_type", "RESPONSE");
    assertThat(new JsonObject(request.getBodyAsString())).isEqualTo(documented);
    assertThat(settledStatuses(reply.messageId()))
        .extracting(MessageStatusChanged::status)
        .containsExactly(MessageStatusChanged.SENT);
  }

  @Test
  void deliveryReceiptForOurReplyNamesOurMessage() {
    // The page, customer and message id of Meta's recorded delivery receipt.
    String page = "510249619162304";
    JsonPath inbox = Inboxes.messenger(page);
    Customers.writeOnMeta(inbox, "page", page, "1066835436691078", Instant.now());
    String path = FakePlatforms.GRAPH + "/" + page + "/messages";
    FakePlatforms.answer(
        path,
        200,
        "{\"recipient_id\":\"1066835436691078\",\"message_id\":"
            + "\"mid.1468152706286:e7982eb7618034a075\"}");
    OutboundRequested reply =
        Replies.text(inbox.getString("id"), "messenger", "1066835436691078", "On its way!");
    Replies.send(vertx, reply);
    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);

    Customers.post(inbox, Fixtures.bytes("messenger/delivery.json"));

    MessageStatusChanged delivered = awaitStatus(reply.messageId(), MessageStatusChanged.DELIVERED);
    assertThat(delivered.platformMessageId()).isEqualTo("mid.1468152706286:e7982eb7618034a075");
  }

  @Test
  void replyOutsideTheWindowFailsBeforeMessengerIsCalled() {
    String page = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.messenger(page);
    Customers.writeOnMeta(inbox, "page", page, "77001", Instant.now().minus(Duration.ofHours(30)));

    OutboundRequested reply = Replies.text(inbox.getString("id"), "messenger", "77001", "Hi?");
    Replies.send(vertx, reply);

    MessageStatusChanged failed = awaitStatus(reply.messageId(), MessageStatusChanged.FAILED);
    assertThat(failed.error().code()).isEqualTo("outside-window");
    assertThat(failed.error().message())
        .contains("Messenger allows replies only within 24 hours")
        .contains("30 hours ago");
    assertThat(FakePlatforms.requestsTo(FakePlatforms.GRAPH + "/" + page + "/messages")).isEmpty();
  }

  @Test
  void humanAgentTagAnswersUpToSevenDaysLater() {
    String page = Inboxes.uniqueId();
    Map<String, Object> fields = Inboxes.metaFields("messenger", "pageId", page);
    fields.put("humanAgent", true);
    JsonPath inbox = Inboxes.create(fields);
    Customers.writeOnMeta(inbox, "page", page, "77002", Instant.now().minus(Duration.ofDays(3)));
    String path = FakePlatforms.GRAPH + "/" + page + "/messages";
    FakePlatforms.answer(path, 200, SEND_RESPONSE);

    OutboundRequested reply =
        Replies.text(inbox.getString("id"), "messenger", "77002", "Sorry for the wait!");
    Replies.send(vertx, reply);

    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    JsonObject body = new JsonObject(FakePlatforms.requestsTo(path).getFirst().getBodyAsString());
    assertThat(body.getString("messaging_type")).isEqualTo("MESSAGE_TAG");
    assertThat(body.getString("tag")).isEqualTo("HUMAN_AGENT");
  }

  @Test
  void longTextAndAttachmentsGoOutAsSeveralMessagesInOrder() {
    String page = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.messenger(page);
    Customers.writeOnMeta(inbox, "page", page, "77003", Instant.now());
    String path = FakePlatforms.GRAPH + "/" + page + "/messages";
    FakePlatforms.answer(path, 200, SEND_RESPONSE);
    String first = "Here is everything about your order. ".repeat(48).strip();
    String second = "And one more thing: the invoice is attached. ".repeat(9).strip();
    assertThat((first + "\n\n" + second).length()).isGreaterThan(2000);
    OutboundRequested reply =
        Replies.withAttachments(
            Replies.text(inbox.getString("id"), "messenger", "77003", first + "\n\n" + second),
            List.of(
                new Attachment(
                    "file",
                    "https://files.acme.test/invoice-1042.pdf",
                    "invoice.pdf",
                    null,
                    null)));
    Replies.send(vertx, reply);

    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    List<JsonObject> bodies =
        FakePlatforms.requestsTo(path).stream()
            .map(request -> new JsonObject(request.getBodyAsString()))
            .toList();
    assertThat(bodies).hasSize(3);
    assertThat(bodies.get(0).getJsonObject("message").getString("text")).isEqualTo(first);
    assertThat(bodies.get(0).getJsonObject("message").getString("text").length())
        .isLessThanOrEqualTo(2000);
    assertThat(bodies.get(1).getJsonObject("message").getString("text")).isEqualTo(second);
    assertThat(bodies.get(2).getJsonObject("message").getJsonObject("attachment"))
        .isEqualTo(
            new JsonObject()
                .put("type", "file")
                .put(
                    "payload",
                    new JsonObject()
                        .put("url", "https://files.acme.test/invoice-1042.pdf")
                        .put("is_reusable", true)));
  }

  @Test
  void instagramWithoutAPageRepliesThroughTheInstagramApi() {
    String account = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.instagram(account);
    Customers.writeOnMeta(inbox, "instagram", account, "6543210987654321", Instant.now());
    String path = FakePlatforms.INSTAGRAM + "/" + account + "/messages";
    FakePlatforms.answer(path, 200, SEND_RESPONSE);

    OutboundRequested reply =
        Replies.text(
            inbox.getString("id"), "instagram", "6543210987654321", "Yes, size M is in stock 👕");
    Replies.send(vertx, reply);

    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    LoggedRequest request = FakePlatforms.requestsTo(path).getFirst();
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + Inboxes.META_ACCESS_TOKEN);
    assertThat(new JsonObject(request.getBodyAsString()))
        .isEqualTo(
            new JsonObject()
                .put("recipient", new JsonObject().put("id", "6543210987654321"))
                .put("messaging_type", "RESPONSE")
                .put("message", new JsonObject().put("text", "Yes, size M is in stock 👕")));
  }

  @Test
  void expiredPageTokenFailsTheReplyAndMarksTheInboxUnhealthy() {
    String page = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.messenger(page);
    Customers.writeOnMeta(inbox, "page", page, "77004", Instant.now());
    String path = FakePlatforms.GRAPH + "/" + page + "/messages";
    FakePlatforms.answer(
        path,
        400,
        "{\"error\":{\"message\":\"Error validating access token: Session has"
            + " expired on Friday, 07-Nov-25 10:00:00 PST.\",\"type\":"
            + "\"OAuthException\",\"code\":190,\"error_subcode\":463,"
            + "\"fbtrace_id\":\"AbCdEf\"}}");

    OutboundRequested reply = Replies.text(inbox.getString("id"), "messenger", "77004", "Hello");
    Replies.send(vertx, reply);

    MessageStatusChanged failed = awaitStatus(reply.messageId(), MessageStatusChanged.FAILED);
    assertThat(failed.error().code()).isEqualTo("190/463");
    assertThat(failed.error().message()).contains("Session has expired");
    assertThat(FakePlatforms.requestsTo(path)).hasSize(1);
    io.restassured.RestAssured.given()
        .when()
        .get("/api/inboxes/" + inbox.getString("id"))
        .then()
        .statusCode(200)
        .body("health.status", org.hamcrest.Matchers.equalTo("unhealthy"))
        .body("health.reason", org.hamcrest.Matchers.containsString("Session has expired"));

    // New credentials: healthy again until the platform says otherwise.
    Map<String, Object> fields = Inboxes.metaFields("messenger", "pageId", page);
    fields.put("accessToken", "EAAG-renewed-token");
    io.restassured.RestAssured.given()
        .contentType("application/json")
        .body(fields)
        .when()
        .put("/api/inboxes/" + inbox.getString("id"))
        .then()
        .statusCode(200)
        .body("health.status", org.hamcrest.Matchers.equalTo("healthy"));
  }
}
