package io.tutti.gateway.live;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A client of {@code /api/live} that keeps every frame it got, in order. */
final class LiveClient implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(20);

  private final WebSocketClient client;
  private final ClientWebSocket socket;
  private final List<JsonObject> frames = new CopyOnWriteArrayList<>();
  private volatile Short closeCode;
  private volatile String closeReason;
  private volatile boolean closed;

  private LiveClient(WebSocketClient client, ClientWebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.closeHandler(
        v -> {
          closeCode = socket.closeStatusCode();
          closeReason = socket.closeReason();
          closed = true;
        });
  }

  /** Opens a socket with the token (none when null), resuming after {@code lastEventId}. */
  static LiveClient open(Vertx vertx, URI live, String token, String lastEventId) {
    WebSocketClient client = vertx.createWebSocketClient();
    // Handlers before connecting: the gateway may send its first frame in the same read as the
    // handshake's answer, before a callback on the connect could attach them.
    LiveClient opened = new LiveClient(client, client.webSocket());
    try {
      opened
          .socket
          .connect(options(live, token, lastEventId))
          .toCompletionStage()
          .toCompletableFuture()
          .join();
      return opened;
    } catch (CompletionException e) {
      client.close();
      throw e;
    }
  }

  /** Opens a socket and waits until the gateway said it is ready. */
  static LiveClient ready(Vertx vertx, URI live, String token) {
    return ready(vertx, live, token, null);
  }

  static LiveClient ready(Vertx vertx, URI live, String token, String lastEventId) {
    LiveClient client = open(vertx, live, token, lastEventId);
    client.awaitFrame(frame -> "ready".equals(frame.getString("type")));
    return client;
  }

  /** The HTTP status a refused handshake got; fails if the handshake was accepted. */
  static int refusal(Vertx vertx, URI live, String token) {
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      client
          .connect(options(live, token, null))
          .toCompletionStage()
          .toCompletableFuture()
          .join()
          .close();
      throw new AssertionError("the handshake was accepted");
    } catch (CompletionException e) {
      if (e.getCause() instanceof UpgradeRejectedException rejected) {
        return rejected.getStatus();
      }
      throw e;
    } finally {
      client.close();
    }
  }

  private static WebSocketConnectOptions options(URI live, String token, String lastEventId) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost(live.getHost())
            .setPort(live.getPort())
            .setURI(live.getPath() + (lastEventId == null ? "" : "?lastEventId=" + lastEventId));
    if (token != null) {
      options.addHeader("Authorization", "Bearer " + token);
    }
    return options;
  }

  List<JsonObject> frames() {
    return List.copyOf(frames);
  }

  /** Frames of events (those with an id), in order. */
  List<JsonObject> events() {
    return frames.stream().filter(frame -> frame.containsKey("id")).toList();
  }

  /** Frames of conversation events and receipts: all but presence and the socket's own. */
  List<JsonObject> conversationEvents() {
    return events().stream()
        .filter(frame -> !LiveTopology.AGENT_PRESENCE_CHANGED.equals(frame.getString("type")))
        .toList();
  }

  /** The types of the frames but presence, in order. */
  List<String> types() {
    return frames.stream()
        .map(frame -> frame.getString("type"))
        .filter(type -> !LiveTopology.AGENT_PRESENCE_CHANGED.equals(type))
        .toList();
  }

  /** The conversation ids of the events of this type, in order. */
  List<String> conversations(String type) {
    return events().stream()
        .filter(frame -> type.equals(frame.getString("type")))
        .map(frame -> frame.getJsonObject("payload").getString("conversationId"))
        .toList();
  }

  JsonObject awaitFrame(Predicate<JsonObject> wanted) {
    return await()
        .atMost(WAIT)
        .until(() -> frames.stream().filter(wanted).findFirst(), found -> found.isPresent())
        .orElseThrow();
  }

  /** Waits for the event with this id. */
  JsonObject awaitEvent(String id) {
    return awaitFrame(frame -> id.equals(frame.getString("id")));
  }

  void send(String text) {
    socket.writeTextMessage(text);
  }

  boolean isClosed() {
    return closed;
  }

  Short closeCode() {
    return closeCode;
  }

  String closeReason() {
    return closeReason;
  }

  @Override
  public void close() {
    if (!closed) {
      socket.close().toCompletionStage().toCompletableFuture().join();
    }
    client.close();
  }
}
