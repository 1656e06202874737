package io.tutti.connectors.webchat;

import static io.tutti.connectors.webchat.ChatClient.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.EventTap;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.Referral;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class ChatSocketTest {

  private static final String PAGE_URL =
      "https://shop.example/shoes?utm_source=newsletter&utm_medium=email"
          + "&utm_campaign=spring%20sale&color=red#sizes";

  @TestHTTPResource("/")
  URI server;

  @Inject Vertx vertx;

  @Inject Pool database;

  private EventTap events;

  @BeforeEach
  void listen() {
    events = new EventTap(vertx, "message.received");
  }

  @AfterEach
  void stopListening() {
    events.close();
  }

  @Test
  void visitorMessageBecomesOneMessageReceivedAndIsAcknowledged() {
    JsonPath inbox = webInbox();
    String visitorId = visitorId();

    try (ChatClient chat = visitor(inbox, visitorId)) {
      JsonObject ack =
          chat.exchange(
              message("m-1", "  Hello, do you ship to Lisbon?  ")
                  .put("name", "Joana Silva")
                  .put("email", "joana@example.com")
                  .put(
                      "page",
                      new JsonObject()
                          .put("url", PAGE_URL)
                          .put("referrer", "https://mail.example/")
                          .put("title", "Shoes")));

      assertThat(ack.getMap())
          .containsOnly(entry("type", "ack"), entry("id", "m-1"), entry("duplicate", false));
    }

    List<EventEnvelope> received = events.awaitExactly(inbox.getString("id"), 1);
    EventEnvelope event = received.getFirst();
    assertThat(event.workspaceId()).isEqualTo("acme");
    MessageReceived payload = (MessageReceived) event.payload();
    assertThat(payload)
        .extracting(
            MessageReceived::channel,
            MessageReceived::externalContactId,
            MessageReceived::contactName,
            MessageReceived::contactHandle,
            MessageReceived::platformMessageId,
            MessageReceived::text,
            MessageReceived::kind)
        .containsExactly(
            "web",
            visitorId,
            "Joana Silva",
            "joana@example.com",
            "m-1",
            "Hello, do you ship to Lisbon?",
            MessageReceived.KIND_MESSAGE);
    assertThat(payload.sentAt()).isNotNull();
    assertThat(payload.referral())
        .extracting(Referral::source, Referral::campaign, Referral::url)
        .containsExactly("web", "spring sale", PAGE_URL);
    assertThat(payload.referral().utm())
        .containsOnly(
            entry("utm_source", "newsletter"),
            entry("utm_medium", "email"),
            entry("utm_campaign", "spring sale"));
  }

  @Test
  void ackComesOnlyOnceTheMessageAndItsRawFrameAreCommitted() {
    JsonPath inbox = webInbox();
    UUID inboxId = UUID.fromString(inbox.getString("id"));
    String frame = message("m-raw", "Keep me byte for byte: caf\u00e9").encode();

    try (ChatClient chat = visitor(inbox, visitorId())) {
      chat.send(frame);
      assertThat(chat.next().getString("type")).isEqualTo("ack");

      // Read right after the ack, from another connection: already visible, so committed.
      List<Row> deliveries =
          database
              .preparedQuery(
                  "select channel, content_type, body, events from webhook_delivery"
                      + " where inbox_id = $1")
              .execute(Tuple.of(inboxId))
              .await()
              .atMost(Duration.ofSeconds(5))
              .stream()
              .toList();
      assertThat(deliveries).hasSize(1);
      Row delivery = deliveries.getFirst();
      assertThat(delivery.getString("channel")).isEqualTo("web");
      assertThat(delivery.getString("content_type")).isEqualTo("application/json");
      assertThat(delivery.getInteger("events")).isEqualTo(1);
      assertThat(new String(delivery.getBuffer("body").getBytes(), StandardCharsets.UTF_8))
          .isEqualTo(frame);
    }

    assertThat(events.awaitExactly(inbox.getString("id"), 1)).hasSize(1);
  }

  @Test
  void messageWithoutPageOrDetailsHasNoReferralAndNoName() {
    JsonPath inbox = webInbox();
    String visitorId = visitorId();

    try (ChatClient chat = visitor(inbox, visitorId)) {
      assertThat(chat.exchange(message("only-text", "Hi")).getString("type")).isEqualTo("ack");
    }

    MessageReceived payload =
        (MessageReceived) events.awaitExactly(inbox.getString("id"), 1).getFirst().payload();
    assertThat(payload.referral()).isNull();
    assertThat(payload.contactName()).isNull();
    assertThat(payload.contactHandle()).isNull();
    assertThat(payload.externalContactId()).isEqualTo(visitorId);
  }

  @Test
  void messageResentWithTheSameIdIsStoredOnceAndTheSecondAckSaysDuplicate() {
    JsonPath inbox = webInbox();
    String visitorId = visitorId();
    JsonObject frame = message("c-42", "Is this in stock?");

    try (ChatClient beforeTheDrop = visitor(inbox, visitorId)) {
      assertThat(beforeTheDrop.exchange(frame).getBoolean("duplicate")).isFalse();
    }
    try (ChatClient afterReconnecting = visitor(inbox, visitorId)) {
      JsonObject ack = afterReconnecting.exchange(frame);
      assertThat(ack.getString("type")).isEqualTo("ack");
      assertThat(ack.getString("id")).isEqualTo("c-42");
      assertThat(ack.getBoolean("duplicate")).isTrue();
    }

    assertThat(events.awaitExactly(inbox.getString("id"), 1)).hasSize(1);
  }

  @Test
  void sameMessageIdFromTwoVisitorsIsTwoMessages() {
    JsonPath inbox = webInbox();

    try (ChatClient one = visitor(inbox, visitorId());
        ChatClient other = visitor(inbox, visitorId())) {
      assertThat(one.exchange(message("1", "Hi")).getBoolean("duplicate")).isFalse();
      assertThat(other.exchange(message("1", "Hi")).getBoolean("duplicate")).isFalse();
    }

    assertThat(events.awaitExactly(inbox.getString("id"), 2))
        .extracting(event -> ((MessageReceived) event.payload()).externalContactId())
        .doesNotHaveDuplicates();
  }

  @Test
  void unknownSiteKeyIsRefusedWith4404() {
    try (ChatClient chat =
        ChatClient.visitor(
            vertx.getDelegate(), server, "site_" + UUID.randomUUID(), visitorId(), null)) {
      ChatClient.Closed closed = chat.awaitClosed();
      assertThat(closed.code()).isEqualTo(4404);
      assertThat(closed.reason()).isEqualTo("No website chat has this key.");
    }
  }

  @Test
  void handshakeWithoutSiteKeyIsRefusedWith4400() {
    try (ChatClient chat =
        ChatClient.open(vertx.getDelegate(), server, "visitorId=" + visitorId(), null)) {
      ChatClient.Closed closed = chat.awaitClosed();
      assertThat(closed.code()).isEqualTo(4400);
      assertThat(closed.reason()).contains("key");
    }
  }

  @Test
  void malformedVisitorIdIsRefusedWith4400() {
    JsonPath inbox = webInbox();
    for (String visitorId : List.of("short", "has spaces in it", "x".repeat(65), "")) {
      try (ChatClient chat =
          ChatClient.visitor(
              vertx.getDelegate(), server, inbox.getString("siteKey"), visitorId, null)) {
        ChatClient.Closed closed = chat.awaitClosed();
        assertThat(closed.code()).as("visitorId '%s'", visitorId).isEqualTo(4400);
        assertThat(closed.reason()).contains("visitorId");
      }
    }
  }

  @Test
  void pageOfAnOriginTheInboxDoesNotAllowIsRefusedWith4403() {
    JsonPath inbox = webInbox(List.of("https://shop.example"));

    try (ChatClient chat = visitorFrom(inbox, "https://copycat.example")) {
      ChatClient.Closed closed = chat.awaitClosed();
      assertThat(closed.code()).isEqualTo(4403);
      assertThat(closed.reason()).isEqualTo("This website may not use this chat.");
    }
  }

  @Test
  void pageOfAnAllowedOriginChats() {
    JsonPath inbox = webInbox(List.of("https://shop.example"));

    try (ChatClient chat = visitorFrom(inbox, "https://shop.example")) {
      assertThat(chat.exchange(message("m-1", "Hello")).getString("type")).isEqualTo("ack");
    }

    assertThat(events.awaitExactly(inbox.getString("id"), 1)).hasSize(1);
  }

  @Test
  void badFramesAreAnsweredWithErrorsAndTheSocketKeepsWorking() {
    record Bad(String frame, String code, String id) {}
    List<Bad> table =
        List.of(
            new Bad("not json", "malformed-json", null),
            new Bad("{\"type\":\"message\"", "malformed-json", null),
            new Bad("{\"type\":\"ping\"} {\"type\":\"ping\"}", "malformed-json", null),
            new Bad("[\"message\"]", "invalid-frame", null),
            new Bad("\"message\"", "invalid-frame", null),
            new Bad("{}", "invalid-frame", null),
            new Bad("{\"type\":7}", "invalid-frame", null),
            new Bad("{\"type\":\"typing\"}", "unknown-type", null),
            new Bad("{\"type\":\"message\",\"text\":\"hi\"}", "missing-id", null),
            new Bad("{\"type\":\"message\",\"id\":42,\"text\":\"hi\"}", "invalid-id", null),
            new Bad(
                "{\"type\":\"message\",\"id\":\"has space\",\"text\":\"hi\"}", "invalid-id", null),
            new Bad("{\"type\":\"message\",\"id\":\"b-1\"}", "empty-text", "b-1"),
            new Bad(
                "{\"type\":\"message\",\"id\":\"b-2\",\"text\":\" \\n \"}", "empty-text", "b-2"),
            new Bad(message("b-3", "x".repeat(5001)).encode(), "text-too-long", "b-3"),
            new Bad(
                "{\"type\":\"message\",\"id\":\"b-4\",\"text\":[\"hi\"]}", "invalid-field", "b-4"),
            new Bad(message("b-5", "hi").put("name", 7).encode(), "invalid-field", "b-5"),
            new Bad(message("b-6", "hi").put("email", "joana").encode(), "invalid-email", "b-6"),
            new Bad(
                message("b-7", "hi").put("page", "https://x.example").encode(),
                "invalid-field",
                "b-7"),
            new Bad(
                message("b-8", "hi").put("page", new JsonObject().put("url", 5)).encode(),
                "invalid-field",
                "b-8"));
    JsonPath inbox = webInbox();

    try (ChatClient chat = visitor(inbox, visitorId())) {
      for (Bad bad : table) {
        chat.send(bad.frame());
        JsonObject answer = chat.next();

        assertThat(answer.getString("type")).as(bad.frame()).isEqualTo("error");
        assertThat(answer.getString("code")).as(bad.frame()).isEqualTo(bad.code());
        assertThat(answer.getString("id")).as(bad.frame()).isEqualTo(bad.id());
        assertThat(answer.getString("message")).as(bad.frame()).isNotBlank();
        assertThat(chat.isClosed()).as("closed after %s", bad.frame()).isFalse();
      }

      assertThat(chat.exchange(message("good-1", "Still there?")).getMap())
          .containsOnly(entry("type", "ack"), entry("id", "good-1"), entry("duplicate", false));
    }

    assertThat(events.awaitExactly(inbox.getString("id"), 1))
        .extracting(event -> ((MessageReceived) event.payload()).text())
        .containsExactly("Still there?");
  }

  @Test
  void pingIsAnsweredWithPong() {
    try (ChatClient chat = visitor(webInbox(), visitorId())) {
      assertThat(chat.exchange(new JsonObject().put("type", "ping")).getMap())
          .containsOnly(entry("type", "pong"));
    }
  }

  @Test
  void connectionSendingTooFastIsToldToSlowDownAndItsMessageIsNotStored() {
    JsonPath inbox = webInbox();
    int pings = 40;

    try (ChatClient chat = visitor(inbox, visitorId())) {
      for (int i = 0; i < pings; i++) {
        chat.send(new JsonObject().put("type", "ping"));
      }
      chat.send(message("late-1", "Sent in a flood"));
      List<JsonObject> answers = new ArrayList<>();
      for (int i = 0; i <= pings; i++) {
        answers.add(chat.next());
      }

      assertThat(answers)
          .filteredOn(answer -> "pong".equals(answer.getString("type")))
          .hasSizeBetween(20, pings - 1);
      assertThat(answers)
          .filteredOn(answer -> "error".equals(answer.getString("type")))
          .extracting(answer -> answer.getString("code"))
          .isNotEmpty()
          .containsOnly("rate-limited");
      assertThat(answers.getLast().getMap())
          .contains(entry("type", "error"), entry("code", "rate-limited"), entry("id", "late-1"));
      assertThat(chat.isClosed()).isFalse();

      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(300))
          .untilAsserted(
              () ->
                  assertThat(chat.exchange(message("late-1", "Sent in a flood")).getMap())
                      .containsOnly(
                          entry("type", "ack"), entry("id", "late-1"), entry("duplicate", false)));
    }

    assertThat(events.awaitExactly(inbox.getString("id"), 1)).hasSize(1);
  }

  private ChatClient visitor(JsonPath inbox, String visitorId) {
    return ChatClient.visitor(vertx.getDelegate(), server, inbox.getString("siteKey"), visitorId);
  }

  static JsonPath webInbox() {
    return Inboxes.create(Map.of("name", "Site", "channel", "web"));
  }

  static JsonPath webInbox(List<String> allowedOrigins) {
    return Inboxes.create(
        Map.of("name", "Site", "channel", "web", "allowedOrigins", allowedOrigins));
  }

  static String visitorId() {
    return "v-" + UUID.randomUUID();
  }

  /** A new visitor of the inbox's site on a page of {@code origin}. */
  private ChatClient visitorFrom(JsonPath inbox, String origin) {
    return ChatClient.visitor(
        vertx.getDelegate(), server, inbox.getString("siteKey"), visitorId(), origin);
  }
}
