package io.tutti.connectors.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A visitor's chat socket as a test drives it, over a real WebSocket: frames the server sends are
 * queued in order, and the close code and reason are kept when it closes.
 */
final class ChatClient implements AutoCloseable {

  private static final long WAIT_SECONDS = 10;

  private final WebSocketClient client;
  private final ClientWebSocket socket;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();

  /** How the server closed the socket. */
  record Closed(int code, String reason) {}

  private ChatClient(WebSocketClient client, ClientWebSocket socket) {
    this.client = client;
    this.socket = socket;
  }

  /** A visitor of the site with this key, connected from a page of {@code origin} (or none). */
  static ChatClient visitor(
      Vertx vertx, URI server, String siteKey, String visitorId, String origin) {
    return open(
        vertx, server, "key=" + encode(siteKey) + "&visitorId=" + encode(visitorId), origin);
  }

  static ChatClient visitor(Vertx vertx, URI server, String siteKey, String visitorId) {
    return visitor(vertx, server, siteKey, visitorId, null);
  }

  /** Connects with a raw query string (or none), for tests of what the handshake must carry. */
  static ChatClient open(Vertx vertx, URI server, String query, String origin) {
    WebSocketClient client = vertx.createWebSocketClient();
    ClientWebSocket socket = client.webSocket();
    ChatClient chat = new ChatClient(client, socket);
    // Handlers before connecting: a refusal closes the socket right after the handshake.
    socket.textMessageHandler(text -> chat.frames.add(new JsonObject(text)));
    socket.closeHandler(
        ignored ->
            chat.closed.complete(
                new Closed(
                    socket.closeStatusCode() == null ? -1 : socket.closeStatusCode(),
                    socket.closeReason())));
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost(server.getHost())
            .setPort(server.getPort())
            .setURI(ChatSocket.PATH + (query == null ? "" : "?" + query));
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    try {
      socket
          .connect(options)
          .toCompletionStage()
          .toCompletableFuture()
          .get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      // A socket the server refuses can be closed before Vert.x attaches the handlers, which then
      // fails the connect; the close code and reason are still on the socket.
      Short code = closeCode(socket);
      if (code != null) {
        chat.closed.complete(new Closed(code, socket.closeReason()));
        return chat;
      }
      try {
        chat.closed.get(2, TimeUnit.SECONDS);
        return chat;
      } catch (Exception notClosed) {
        client.close();
        throw new IllegalStateException("the chat socket did not open", e);
      }
    }
    return chat;
  }

  private static Short closeCode(ClientWebSocket socket) {
    try {
      return socket.closeStatusCode();
    } catch (RuntimeException notConnected) {
      return null;
    }
  }

  void send(String frame) {
    await(socket.writeTextMessage(frame).toCompletionStage().toCompletableFuture());
  }

  void send(JsonObject frame) {
    send(frame.encode());
  }

  /** The next frame the server sent; fails the test when none comes in time. */
  JsonObject next() {
    try {
      JsonObject frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(frame).as("a frame from the server within %d s", WAIT_SECONDS).isNotNull();
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends a frame and answers the server's next frame. */
  JsonObject exchange(JsonObject frame) {
    send(frame);
    return next();
  }

  /** How the server closed the socket; fails the test when it stays open. */
  Closed awaitClosed() {
    return await(closed);
  }

  boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      socket.close();
    }
    client.close();
  }

  static JsonObject message(String id, String text) {
    return new JsonObject().put("type", "message").put("id", id).put("text", text);
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
