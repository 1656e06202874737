package io.tutti.tests.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live socket of the running system: a customer's DM reaches the signed-in admin of its
 * workspace within seconds, never another workspace's; a team's conversation reaches its members
 * and not the workspace's other agents; a socket that reconnects with its last event id gets what
 * it missed.
 */
class LiveIT {

  private static final String APP_SECRET = "system-test-live-app-secret";
  private static final Duration FEW_SECONDS = Duration.ofSeconds(15);

  private static HttpClient http;

  @BeforeAll
  static void client() {
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void closeClient() {
    http.close();
  }

  @Test
  void aCustomersDmIsPushedToTheAdminOfItsWorkspaceOnlyAndResumesAfterAReconnect() {
    String account = String.valueOf(System.nanoTime());
    JsonPath inbox =
        RunningSystem.connectInbox(
            Map.of(
                "name",
                "Instagram live " + account,
                "channel",
                "instagram",
                "instagramAccountId",
                account,
                "accessToken",
                "IGQV-live-test",
                "appSecret",
                APP_SECRET));
    String inboxId = inbox.getString("id");
    String customer = "live-" + account;

    try (Live ada = Live.ready(RunningSystem.accessTokenFor("ada"), null);
        Live bob = Live.ready(RunningSystem.accessTokenFor("bob"), null)) {
      dm(inbox, account, customer, "first", "Is the linen shirt still available?");

      JsonNode opened = ada.awaitFrame(event("conversation.opened", inboxId));
      JsonNode added = ada.awaitFrame(event("conversation.message-added", inboxId));
      String conversationId = opened.at("/payload/conversationId").asText();
      assertThat(added.at("/payload/conversationId").asText()).isEqualTo(conversationId);
      assertThat(added.at("/payload/direction").asText()).isEqualTo("in");
      assertThat(opened.get("id").asText()).isNotBlank();
      assertThat(opened.get("occurredAt").asText()).isNotBlank();

      // bob (globex) is connected all along and hears nothing of acme's inbox.
      await()
          .during(Duration.ofSeconds(3))
          .atMost(FEW_SECONDS)
          .until(() -> bob.frames().stream().noneMatch(mentions(inboxId, conversationId)));

      // ada's first socket goes away; a second one sees what happens meanwhile.
      String lastSeen = ada.lastEventId();
      try (Live watcher = Live.ready(RunningSystem.accessTokenFor("ada"), null)) {
        ada.close();
        dm(inbox, account, customer, "second", "And in blue?");
        JsonNode missed = watcher.awaitFrame(event("conversation.message-added", inboxId));

        try (Live again = Live.ready(RunningSystem.accessTokenFor("ada"), lastSeen)) {
          List<JsonNode> replayed = again.framesBeforeReady();
          assertThat(replayed)
              .extracting(frame -> frame.path("type").asText())
              .doesNotContain("refresh");
          assertThat(replayed)
              .extracting(frame -> frame.path("id").asText())
              .contains(missed.get("id").asText());
        }
      }
    }
  }

  @Test
  void aTeamSupportConversationReachesAliceButNotSamOfSalesNorBobOfAnotherWorkspace() {
    String account = String.valueOf(System.nanoTime());
    JsonPath inbox =
        RunningSystem.connectInbox(
            Map.of(
                "name",
                "Instagram team " + account,
                "channel",
                "instagram",
                "instagramAccountId",
                account,
                "accessToken",
                "IGQV-live-test",
                "appSecret",
                APP_SECRET));
    String inboxId = inbox.getString("id");
    String customer = "team-" + account;
    String admin = RunningSystem.accessTokenFor("ada");
    String support =
        given()
            .auth()
            .oauth2(admin)
            .when()
            .get(RunningSystem.GATEWAY_URL + "/api/teams")
            .then()
            .statusCode(200)
            .extract()
            .path("find { it.name == 'Support' }.id");
    assertThat(support).as("the demo workspace's Support team").isNotNull();

    try (Live ada = Live.ready(admin, null);
        Live alice = Live.ready(RunningSystem.accessTokenFor("alice"), null);
        Live sam = Live.ready(RunningSystem.accessTokenFor("sam"), null);
        Live bob = Live.ready(RunningSystem.accessTokenFor("bob"), null)) {
      dm(inbox, account, customer, "first", "Where is my parcel?");
      String conversationId =
          ada.awaitFrame(event("conversation.opened", inboxId))
              .at("/payload/conversationId")
              .asText();
      // Nobody has it yet: every agent of the workspace sees it come in.
      alice.awaitFrame(event("conversation.opened", inboxId));
      sam.awaitFrame(event("conversation.opened", inboxId));

      given()
          .auth()
          .oauth2(admin)
          .contentType("application/json")
          .body(Map.of("teamId", support))
          .when()
          .post(RunningSystem.GATEWAY_URL + "/api/conversations/" + conversationId + "/assign")
          .then()
          .statusCode(200);
      // sam, not of Support, is told it left his sight.
      sam.awaitFrame(
          frame ->
              "conversation.hidden".equals(frame.path("type").asText())
                  && conversationId.equals(frame.at("/payload/conversationId").asText()));
      int samSawBefore = sam.frames().size();

      dm(inbox, account, customer, "second", "It was due on Monday.");
      JsonNode added =
          alice.awaitFrame(
              frame ->
                  event("conversation.message-added", inboxId).test(frame)
                      && support.equals(frame.at("/payload/teamId").asText()));
      assertThat(added.at("/payload/conversationId").asText()).isEqualTo(conversationId);
      // Every socket gets the workspace's events in the same order: once ada's has the message,
      // sam's would have had it too.
      ada.awaitFrame(frame -> added.get("id").equals(frame.get("id")));
      await()
          .during(Duration.ofSeconds(2))
          .atMost(FEW_SECONDS)
          .until(
              () ->
                  sam.frames().stream()
                          .skip(samSawBefore)
                          .noneMatch(mentions(inboxId, conversationId))
                      && bob.frames().stream().noneMatch(mentions(inboxId, conversationId)));
    }
  }

  /** Posts a signed Instagram DM to the inbox's webhook, through the gateway under test. */
  private static void dm(JsonPath inbox, String account, String customer, String mid, String text) {
    String path = URI.create(inbox.getString("webhookUrl")).getRawPath();
    byte[] body =
        RunningSystem.instagramDm(account, customer, customer + "-" + mid, text)
            .getBytes(StandardCharsets.UTF_8);
    given()
        .contentType("application/json")
        .header("X-Hub-Signature-256", RunningSystem.metaSignature(APP_SECRET, body))
        .body(body)
        .when()
        .post(RunningSystem.GATEWAY_URL + path)
        .then()
        .statusCode(200);
  }

  private static Predicate<JsonNode> event(String type, String inboxId) {
    return frame ->
        type.equals(frame.path("type").asText())
            && inboxId.equals(frame.at("/payload/inboxId").asText());
  }

  private static Predicate<JsonNode> mentions(String inboxId, String conversationId) {
    return frame ->
        inboxId.equals(frame.at("/payload/inboxId").asText())
            || conversationId.equals(frame.at("/payload/conversationId").asText());
  }

  /** A socket on the gateway's {@code /api/live} keeping every frame it got. */
  private static final class Live implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Live ready(String token, String lastEventId) {
      Live live = new Live();
      String base = RunningSystem.GATEWAY_URL.replaceFirst("^http", "ws");
      URI uri =
          URI.create(
              base + "/api/live" + (lastEventId == null ? "" : "?lastEventId=" + lastEventId));
      live.socket =
          http.newWebSocketBuilder()
              .header("Authorization", "Bearer " + token)
              .connectTimeout(Duration.ofSeconds(5))
              .buildAsync(uri, live)
              .join();
      live.awaitFrame(frame -> "ready".equals(frame.path("type").asText()));
      return live;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(JSON.readTree(partial.toString()));
        } catch (java.io.IOException e) {
          throw new IllegalStateException("not JSON: " + partial, e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return CompletableFuture.completedFuture(null);
    }

    List<JsonNode> frames() {
      return List.copyOf(frames);
    }

    /** The frames the gateway sent before {@code ready}: what it replayed. */
    List<JsonNode> framesBeforeReady() {
      return frames.stream()
          .takeWhile(frame -> !"ready".equals(frame.path("type").asText()))
          .toList();
    }

    /** The id of the latest event frame. */
    String lastEventId() {
      return frames.reversed().stream()
          .filter(frame -> frame.hasNonNull("id"))
          .findFirst()
          .orElseThrow()
          .get("id")
          .asText();
    }

    JsonNode awaitFrame(Predicate<JsonNode> wanted) {
      return await()
          .atMost(FEW_SECONDS)
          .until(() -> frames.stream().filter(wanted).findFirst(), found -> found.isPresent())
          .orElseThrow();
    }

    @Override
    public void close() {
      if (!socket.isOutputClosed()) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
      }
      socket.abort();
    }
  }
}
