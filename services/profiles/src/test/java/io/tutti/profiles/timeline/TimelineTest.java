package io.tutti.profiles.timeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventPayload;
import io.tutti.events.testing.Callers;
import io.tutti.events.type.SaleRecorded;
import io.tutti.events.type.SessionRecorded;
import io.tutti.profiles.testing.FakeConversations;
import io.tutti.profiles.testing.Messages;
import io.tutti.profiles.testing.ProfilesTest;
import io.tutti.profiles.testing.ServiceTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ProfilesTest
@TestSecurity(user = "alice", roles = "agent")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class TimelineTest extends ServiceTest {

  private static final String TOKEN = "Bearer alices-token";

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @Test
  void theTimelineShowsConversationsOnEveryChannelAndProfilesOwnHistoryNewestFirst() {
    String phone = Messages.japaneseMobile();
    String id = receive(Messages.whatsapp(phone.substring(1), "Kenji", "Hi")).contactId();
    receive(Messages.sms(phone, "Hi by text"));
    String whatsappConversation = UUID.randomUUID().toString();
    String smsConversation = UUID.randomUUID().toString();
    conversations(
        id,
        null,
        page(
            null,
            conversation(whatsappConversation, "whatsapp", minutesAgo(60), "Is it in stock?")
                .put(
                    "recentMessages",
                    new JsonArray()
                        .add(message("in", "message", false, "Is it in stock?", minutesAgo(60)))
                        .add(message("out", "note", true, "Check the warehouse", minutesAgo(61)))
                        .add(
                            message("out", "message", false, "Hello Kenji!", minutesAgo(62))
                                .put("status", "read")
                                .put(
                                    "attachments",
                                    new JsonArray()
                                        .add(
                                            new JsonObject()
                                                .put("type", "image")
                                                .put("name", "catalogue.jpg")
                                                .put("url", "https://cdn.example/c.jpg"))))),
            // An older conversations gives no recent messages.
            conversation(smsConversation, "sms", minutesAgo(180), "Hi by text")));
    String sessionId = "s-" + UUID.randomUUID();
    handled(
        new SessionRecorded(
            sessionId,
            "anon-1",
            id,
            "paid_social",
            "spring-sale",
            "https://shop.example/",
            "https://instagram.com/",
            minutesAgo(120)),
        "profiles.attribution");
    handled(
        new SaleRecorded(
            "sale-" + UUID.randomUUID(),
            id,
            "order-7",
            new BigDecimal("49.00"),
            "EUR",
            minutesAgo(30)),
        "profiles.attribution");
    String other = receive(Messages.instagram("17841" + Messages.digits(10), "hi")).contactId();
    asAdmin(() -> merge(id, other));

    JsonPath timeline = timeline(id, Map.of());

    assertThat(timeline.getList("items.type"))
        .containsExactly(
            "merge", "stage-change", "sale", "conversation", "session", "conversation");
    assertThat(timeline.getList("missing")).isEmpty();
    assertThat(timeline.getString("nextCursor")).isNull();
    assertThat(timeline.getString("items[0].mergedId")).isEqualTo(other);
    assertThat(timeline.getString("items[1].to")).isEqualTo("customer");
    assertThat(timeline.getString("items[2].orderId")).isEqualTo("order-7");
    assertThat(timeline.getList("items.findAll { it.type == 'conversation' }.channel"))
        .containsExactly("whatsapp", "sms");
    assertThat(timeline.getString("items[3].id")).isEqualTo(whatsappConversation);
    assertThat(timeline.getString("items[3].lastMessagePreview")).isEqualTo("Is it in stock?");
    assertThat(timeline.getList("items[3].recentMessages.text"))
        .containsExactly("Is it in stock?", "Check the warehouse", "Hello Kenji!");
    assertThat(timeline.getList("items[3].recentMessages.direction"))
        .containsExactly("in", "out", "out");
    assertThat(timeline.getList("items[3].recentMessages.private"))
        .containsExactly(false, true, false);
    assertThat(timeline.getString("items[3].recentMessages[2].status")).isEqualTo("read");
    assertThat(timeline.getString("items[3].recentMessages[2].sentAt"))
        .isEqualTo(minutesAgo(62).toString());
    assertThat(timeline.getList("items[3].recentMessages[2].attachments"))
        .containsExactly(Map.of("type", "image", "name", "catalogue.jpg"));
    assertThat(timeline.getList("items[5].recentMessages")).isEmpty();
    assertThat(timeline.getString("items[4].sessionId")).isEqualTo(sessionId);
    assertThat(timeline.getString("items[4].campaign")).isEqualTo("spring-sale");
    // Conversations was asked with the agent's own token, so it shows what the agent may see.
    FakeConversations.server()
        .verify(
            getRequestedFor(urlPathEqualTo("/api/contacts/" + id + "/conversations"))
                .withHeader("Authorization", equalTo(TOKEN)));
  }

  @Test
  void theTimelineIsReadPageByPageAcrossItsSources() {
    String id = newContact("Kenji");
    String c1 = UUID.randomUUID().toString();
    String c2 = UUID.randomUUID().toString();
    String c3 = UUID.randomUUID().toString();
    conversations(
        id,
        null,
        page(
            "conv-page-2",
            conversation(c1, "whatsapp", minutesAgo(10), "one"),
            conversation(c2, "instagram", minutesAgo(30), "two")));
    conversations(
        id, "conv-page-2", page(null, conversation(c3, "email", minutesAgo(50), "three")));
    List<String> sessions = new ArrayList<>();
    for (int minutes : List.of(20, 40, 60)) {
      String sessionId = "s-" + minutes + "-" + UUID.randomUUID();
      sessions.add(sessionId);
      handled(
          new SessionRecorded(
              sessionId,
              null,
              id,
              "organic",
              null,
              "https://shop.example/",
              null,
              minutesAgo(minutes)),
          "profiles.attribution");
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonPath page =
          timeline(
              id, cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor));
      for (Map<String, Object> item : page.<Map<String, Object>>getList("items")) {
        seen.add(
            item.get("type").equals("session")
                ? (String) item.get("sessionId")
                : (String) item.get("id"));
      }
      assertThat(page.getList("items").size()).isLessThanOrEqualTo(2);
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(seen).containsExactly(c1, sessions.get(0), c2, sessions.get(1), c3, sessions.get(2));
  }

  @Test
  void whenConversationsIsDownTheTimelineAnswersWithTheRestAndSaysSo() {
    String id = newContact("Kenji");
    FakeConversations.server()
        .stubFor(
            get(urlPathEqualTo("/api/contacts/" + id + "/conversations"))
                .willReturn(aResponse().withStatus(503)));
    handled(
        new SessionRecorded(
            "s-" + UUID.randomUUID(), null, id, "organic", null, null, null, minutesAgo(5)),
        "profiles.attribution");

    JsonPath timeline = timeline(id, Map.of());

    assertThat(timeline.getList("items.type")).containsExactly("session");
    assertThat(timeline.getString("missing[0].source")).isEqualTo("conversations");
    assertThat(timeline.getString("missing[0].reason")).isEqualTo("unavailable");
    // One retry of a fault, then the timeline gives up on conversations for this page.
    FakeConversations.server()
        .verify(2, getRequestedFor(urlPathEqualTo("/api/contacts/" + id + "/conversations")));
  }

  @Test
  void whenConversationsIsSlowTheTimelineDoesNotWaitForIt() {
    String id = newContact("Kenji");
    FakeConversations.server()
        .stubFor(
            get(urlPathEqualTo("/api/contacts/" + id + "/conversations"))
                .willReturn(okJson(page(null).encode()).withFixedDelay(3_000)));

    long started = System.nanoTime();
    JsonPath timeline = timeline(id, Map.of());
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(timeline.getString("missing[0].reason")).isEqualTo("unavailable");
    assertThat(timeline.getString("missing[0].detail")).contains("did not answer in time");
    assertThat(tookMillis).isLessThan(3_000);
  }

  @Test
  void whenConversationsRefusesTheCallerTheTimelineSaysSoWithoutRetrying() {
    String id = newContact("Kenji");
    FakeConversations.server()
        .stubFor(
            get(urlPathEqualTo("/api/contacts/" + id + "/conversations"))
                .willReturn(aResponse().withStatus(403)));

    JsonPath timeline = timeline(id, Map.of());

    assertThat(timeline.getString("missing[0].reason")).isEqualTo("refused");
    FakeConversations.server()
        .verify(1, getRequestedFor(urlPathEqualTo("/api/contacts/" + id + "/conversations")));
  }

  @Test
  void aWebsiteVisitorsSessionsJoinTheTimelineOfTheChatContact() {
    String visitorId = "v_" + UUID.randomUUID();
    String id = receive(Messages.web(visitorId, null, null, "Hello")).contactId();
    conversations(id, null, page(null));
    String sessionId = "s-" + UUID.randomUUID();
    handled(
        new SessionRecorded(
            sessionId, visitorId, null, "referral", "newsletter", null, null, minutesAgo(1)),
        "profiles.attribution");

    JsonPath timeline = timeline(id, Map.of());

    assertThat(timeline.getList("items.sessionId")).containsExactly(sessionId);
    // The visit came before the chat message: it is the first touch.
    assertThat(contact(id).getString("firstTouch.campaign")).isEqualTo("newsletter");
    assertThat(contact(id).getString("lastTouch.channel")).isEqualTo("web");
  }

  @Test
  void badTimelineRequestsAreRefused() {
    String id = newContact("Kenji");
    given()
        .when()
        .get("/api/contacts/" + id + "/timeline?cursor=bm9wZQ")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", is("urn:tutti:problem:invalid-cursor"));
    given()
        .when()
        .get("/api/contacts/" + id + "/timeline?limit=0")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("limit"));
    given().when().get("/api/contacts/" + UUID.randomUUID() + "/timeline").then().statusCode(404);
  }

  private void handled(EventPayload payload, String consumer) {
    EventEnvelope event = broker.publish("attribution", WORKSPACE, payload);
    awaitHandled(event, consumer);
  }

  private static JsonPath timeline(String id, Map<String, String> query) {
    return given()
        .header("Authorization", TOKEN)
        .queryParams(query)
        .when()
        .get("/api/contacts/" + id + "/timeline")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void merge(String survivor, String other) {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("otherContactId", other))
        .when()
        .post("/api/contacts/" + survivor + "/merge")
        .then()
        .statusCode(200);
  }

  /** Runs a step as ada, the workspace's admin, then goes back to the test's own caller. */
  private static void asAdmin(Runnable step) {
    Callers.actAs("ada", WORKSPACE, "admin", "sales", "agent");
    try {
      step.run();
    } finally {
      Callers.actAs("alice", WORKSPACE, "agent");
    }
  }

  private static void conversations(String contactId, String cursor, JsonObject page) {
    FakeConversations.server()
        .stubFor(
            get(urlPathEqualTo("/api/contacts/" + contactId + "/conversations"))
                .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor))
                .willReturn(okJson(page.encode())));
  }

  /** A page of conversations' list, as its ContactResource answers. */
  private static JsonObject page(String nextCursor, JsonObject... items) {
    return new JsonObject()
        .put("items", new JsonArray(List.of(items)))
        .put("nextCursor", nextCursor);
  }

  private static JsonObject conversation(
      String id, String channel, Instant lastMessageAt, String preview) {
    return new JsonObject()
        .put("id", id)
        .put("contactId", UUID.randomUUID().toString())
        .put("channel", channel)
        .put("inboxId", Messages.INBOX)
        .put("status", "open")
        .put("priority", "normal")
        .put("labels", new JsonArray())
        .put("lastMessagePreview", preview)
        .put("lastMessageAt", lastMessageAt.toString())
        .put("unreadCount", 1);
  }

  /** One of a conversation's recent messages, as conversations' ContactResource answers it. */
  private static JsonObject message(
      String direction, String kind, boolean note, String text, Instant sentAt) {
    return new JsonObject()
        .put("id", UUID.randomUUID().toString())
        .put("direction", direction)
        .put("kind", kind)
        .put("private", note)
        .put("text", text)
        .put("attachments", new JsonArray())
        .put("status", null)
        .put("sentAt", sentAt.toString())
        .put("createdAt", sentAt.toString());
  }

  private Instant minutesAgo(int minutes) {
    return now.minus(minutes, ChronoUnit.MINUTES);
  }
}
