package io.tutti.connectors.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.Bot;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.Deliveries;
import io.tutti.connectors.testing.FakePlatforms;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.connectors.testing.OutboundTest;
import io.tutti.connectors.testing.Replies;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.OutboundRequested;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What happens when platforms misbehave: retries for what may pass, none for what will not, the
 * platform's requested wait, one send however often the command comes, and dead letters an admin
 * can replay. The tests run with at most 4 attempts and backoff of 100 ms to 1 s.
 */
@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class DeliveryReliabilityTest extends OutboundTest {

  private static final String CHAT = "4242";
  private static final String OK =
      "{\"ok\":true,\"result\":{\"message_id\":7,\"chat\":{\"id\":4242,\"type\":\"private\"},"
          + "\"date\":1700000000,\"text\":\"ok\"}}";

  @Inject ObjectMapper json;

  @Test
  void serverErrorIsRetriedAndTheReplySentOnce() {
    Bot bot = Bot.connect();
    String path = bot.path("sendMessage");
    FakePlatforms.answerInOrder(
        path,
        aResponse()
            .withStatus(500)
            .withBody(
                "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}"),
        aResponse().withStatus(200).withBody(OK));

    OutboundRequested reply = Replies.text(bot.inboxId(), "telegram", CHAT, "Second time lucky");
    Replies.send(vertx, reply);

    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    assertThat(FakePlatforms.requestsTo(path)).hasSize(2);
    assertThat(settledStatuses(reply.messageId()))
        .extracting(MessageStatusChanged::status)
        .containsExactly(MessageStatusChanged.SENT);
  }

  @Test
  void badRequestIsNotRetried() {
    Bot bot = Bot.connect();
    String path = bot.path("sendMessage");
    FakePlatforms.answer(
        path,
        400,
        "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat" + " not found\"}");

    OutboundRequested reply = Replies.text(bot.inboxId(), "telegram", CHAT, "Anyone?");
    Replies.send(vertx, reply);

    MessageStatusChanged failed = awaitStatus(reply.messageId(), MessageStatusChanged.FAILED);
    assertThat(failed.error().code()).isEqualTo("400");
    assertThat(failed.error().message()).isEqualTo("Bad Request: chat not found");
    assertThat(settledStatuses(reply.messageId())).hasSize(1);
    assertThat(FakePlatforms.requestsTo(path)).hasSize(1);
  }

  @Test
  void retryAfterHeaderOfA429IsHonoured() {
    String sid = "AC" + UUID.randomUUID().toString().replace("-", "");
    JsonPath inbox =
        Inboxes.create(
            Map.of(
                "name", "SMS",
                "channel", "sms",
                "accountSid", sid,
                "authToken", Inboxes.TWILIO_AUTH_TOKEN,
                "phoneNumber", "+14155550100"));
    String path = FakePlatforms.TWILIO + "/2010-04-01/Accounts/" + sid + "/Messages.json";
    FakePlatforms.answerInOrder(
        path,
        aResponse()
            .withStatus(429)
            .withHeader("Retry-After", "2")
            .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}"),
        aResponse().withStatus(201).withBody("{\"sid\": \"SM" + "a".repeat(32) + "\"}"));

    OutboundRequested reply =
        Replies.text(inbox.getString("id"), "sms", "+14155550199", "Slow and steady");
    Replies.send(vertx, reply);

    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    List<LoggedRequest> requests = FakePlatforms.requestsTo(path);
    assertThat(requests).hasSize(2);
    assertThat(
            Duration.between(
                requests.get(0).getLoggedDate().toInstant(),
                requests.get(1).getLoggedDate().toInstant()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
  }

  @Test
  void aCommandDeliveredAgainSendsNothingAgain() {
    Bot bot = Bot.connect();
    FakePlatforms.server()
        .stubFor(post(urlEqualTo(bot.path("sendMessage"))).willReturn(aResponse().withBody(OK)));
    OutboundRequested reply = Replies.text(bot.inboxId(), "telegram", CHAT, "Only once, please");

    EventEnvelope event = Replies.send(vertx, reply);
    Replies.publish(vertx, event);
    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    // The same event again, and the same message under a new event id (conversations retried).
    Replies.publish(vertx, event);
    Replies.send(vertx, reply);

    assertThat(settledStatuses(reply.messageId()))
        .extracting(MessageStatusChanged::status)
        .containsExactly(MessageStatusChanged.SENT);
    assertThat(FakePlatforms.requestsTo(bot.path("sendMessage"))).hasSize(1);
  }

  @Test
  void replyOutOfAttemptsIsDeadLetteredAndReplayedByAnAdmin() {
    Bot bot = Bot.connect();
    String path = bot.path("sendMessage");
    FakePlatforms.answer(path, 503, "Service Unavailable");

    OutboundRequested reply = Replies.text(bot.inboxId(), "telegram", CHAT, "Are you there?");
    Replies.send(vertx, reply);

    MessageStatusChanged failed = awaitStatus(reply.messageId(), MessageStatusChanged.FAILED);
    assertThat(failed.error().code()).isEqualTo("503");
    assertThat(failed.error().message()).endsWith("(gave up after 4 attempts)");
    assertThat(FakePlatforms.requestsTo(path)).hasSize(4);
    String letter = deadLetterOf(reply.messageId(), "delivery");

    FakePlatforms.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withBody(OK)));
    given()
        .post("/api/admin/dead-letters/" + letter + "/replay")
        .then()
        .statusCode(202)
        .body("replayable", equalTo(false));

    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    assertThat(FakePlatforms.requestsTo(path)).hasSize(5);
    given()
        .get("/api/admin/dead-letters?state=replayed")
        .then()
        .body("find { it.id == '" + letter + "' }.replayedBy", equalTo("ada"));
    given()
        .get("/api/admin/dead-letters")
        .then()
        .body("findAll { it.id == '" + letter + "' }", hasSize(0));
  }

  @Test
  void commandTheBrokerDeadLetteredIsListedAndReplayed() {
    Bot bot = Bot.connect();
    FakePlatforms.server()
        .stubFor(post(urlEqualTo(bot.path("sendMessage"))).willReturn(aResponse().withBody(OK)));
    OutboundRequested reply = Replies.text(bot.inboxId(), "telegram", CHAT, "From the DLQ");
    EventEnvelope event = EventEnvelope.of("conversations", "acme", null, reply);

    // Where the broker puts a command connectors failed to take too often.
    Replies.publishToQueue(vertx, "connectors.outbound-requested.dlq", event);

    String letter = deadLetterOf(reply.messageId(), "queue");
    given()
        .get("/api/admin/dead-letters")
        .then()
        .body("find { it.id == '" + letter + "' }.eventId", equalTo(event.id().toString()))
        .body("find { it.id == '" + letter + "' }.channel", equalTo("telegram"));
    assertThat(FakePlatforms.requestsTo(bot.path("sendMessage"))).isEmpty();

    given().post("/api/admin/dead-letters/" + letter + "/replay").then().statusCode(202);

    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    assertThat(FakePlatforms.requestsTo(bot.path("sendMessage"))).hasSize(1);
  }

  @Test
  void commandThatCanNeverBeSentIsRejectedNotRetried() {
    OutboundRequested broken =
        new OutboundRequested(
            "msg-" + UUID.randomUUID(),
            "conv-1",
            "not-an-inbox",
            "telegram",
            CHAT,
            "Hi",
            List.of(),
            null);
    Replies.send(vertx, broken);

    String letter = deadLetterOf(broken.messageId(), "rejected");
    given()
        .get("/api/admin/dead-letters")
        .then()
        .body(
            "find { it.id == '" + letter + "' }.reason",
            equalTo("The command names no valid inbox id."))
        .body("find { it.id == '" + letter + "' }.replayable", equalTo(false));
    given()
        .post("/api/admin/dead-letters/" + letter + "/replay")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
  }

  @Test
  void sendCutShortByAStoppedProcessFailsRatherThanGoingTwice() throws Exception {
    Bot bot = Bot.connect();
    FakePlatforms.server()
        .stubFor(post(urlEqualTo(bot.path("sendMessage"))).willReturn(aResponse().withBody(OK)));
    OutboundRequested reply = Replies.text(bot.inboxId(), "telegram", CHAT, "Half way");
    // As a process leaves it when it dies between recording the send and hearing from Telegram.
    try (Connection db = Deliveries.connect();
        PreparedStatement insert =
            db.prepareStatement(
                "insert into outbound_message (id, workspace_id, message_id, conversation_id,"
                    + " inbox_id, channel, recipient, command, event_id, requested_at, state,"
                    + " attempts, next_attempt_at, lease_until, parts_sent) values (?, 'acme', ?,"
                    + " ?, ?, 'telegram', ?, ?, ?, ?, 'sending', 1, ?, ?, 0)")) {
      Instant started = Instant.now().minus(Duration.ofMinutes(11));
      insert.setObject(1, UUID.randomUUID());
      insert.setString(2, reply.messageId());
      insert.setString(3, reply.conversationId());
      insert.setObject(4, UUID.fromString(bot.inboxId()));
      insert.setString(5, CHAT);
      insert.setString(6, json.writeValueAsString(reply));
      insert.setObject(7, UUID.randomUUID());
      insert.setTimestamp(8, Timestamp.from(started));
      insert.setTimestamp(9, Timestamp.from(started));
      insert.setTimestamp(10, Timestamp.from(started.plus(Duration.ofMinutes(10))));
      insert.executeUpdate();
    }

    MessageStatusChanged failed = awaitStatus(reply.messageId(), MessageStatusChanged.FAILED);
    assertThat(failed.error().code()).isEqualTo("interrupted");
    assertThat(failed.error().message()).contains("may or may not have it");
    deadLetterOf(reply.messageId(), "delivery");
    assertThat(FakePlatforms.requestsTo(bot.path("sendMessage"))).isEmpty();
  }

  @Test
  @TestSecurity(user = "bob", roles = "admin")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "globex"))
  void anotherWorkspacesAdminSeesNoneOfOurDeadLetters() {
    String acmeLetter = insertedDeadLetter("acme");
    given()
        .get("/api/admin/dead-letters?state=all")
        .then()
        .statusCode(200)
        .body("findAll { it.id == '" + acmeLetter + "' }", hasSize(0));
    given()
        .post("/api/admin/dead-letters/" + acmeLetter + "/replay")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  @TestSecurity(user = "alice", roles = "agent")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void agentsCannotSeeOrReplayDeadLetters() {
    given().get("/api/admin/dead-letters").then().statusCode(403);
    given()
        .post("/api/admin/dead-letters/" + insertedDeadLetter("acme") + "/replay")
        .then()
        .statusCode(403);
  }

  @Test
  void unknownStateIsABadRequest() {
    given()
        .get("/api/admin/dead-letters?state=forgotten")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("state"));
  }

  /** A dead letter of the workspace, written as connectors would keep a rejected command. */
  private static String insertedDeadLetter(String workspace) {
    UUID id = UUID.randomUUID();
    try (Connection db = Deliveries.connect();
        PreparedStatement insert =
            db.prepareStatement(
                "insert into dead_letter (id, workspace_id, kind, reason, attempts, dead_at)"
                    + " values (?, ?, 'rejected', 'The command names no recipient.', 1, now())")) {
      insert.setObject(1, id);
      insert.setString(2, workspace);
      insert.executeUpdate();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return id.toString();
  }

  /** Waits for the workspace's dead letter of this message, of this kind; answers its id. */
  private static String deadLetterOf(String messageId, String kind) {
    return org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                given()
                    .get("/api/admin/dead-letters")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getString(
                        "find { it.messageId == '"
                            + messageId
                            + "' && it.kind == '"
                            + kind
                            + "' }.id"),
            id -> id != null);
  }
}
