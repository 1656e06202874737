package io.tutti.gateway.live;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/live}: the events the signed-in user may see, as they happen. The handshake is
 * authenticated like any API request (bearer token or browser session) and checked by {@link
 * LiveUpgradeCheck}; see the gateway README, "Live updates", for the frames.
 */
@WebSocket(path = "/api/live", endpointId = LiveEndpoint.ID)
@RolesAllowed({"agent", "sales", "admin"})
public class LiveEndpoint {

  static final String ID = "tutti-live";

  private static final Logger LOG = Logger.getLogger(LiveEndpoint.class);
  private static final TypedKey<LiveSocket> SOCKET = new TypedKey<>("tutti.live.socket");

  private final LiveHub hub;
  private final LiveMetrics metrics;
  private final long sendBuffer;

  public LiveEndpoint(LiveHub hub, LiveMetrics metrics, LiveConfig config) {
    this.hub = hub;
    this.metrics = metrics;
    this.sendBuffer = config.sendBuffer().asLongValue();
  }

  @OnOpen
  public Uni<Void> open(WebSocketConnection connection) {
    LiveUser user = connection.userData().get(LiveUpgradeCheck.USER);
    if (user == null) {
      // Only a handshake LiveUpgradeCheck let through gets here.
      return connection.close(CloseReason.INTERNAL_SERVER_ERROR);
    }
    UUID lastEventId = connection.userData().get(LiveUpgradeCheck.LAST_EVENT_ID);
    LiveSocket socket =
        new LiveSocket(user, new Outbound(connection), sendBuffer, lastEventId, metrics);
    connection.userData().put(SOCKET, socket);
    return hub.open(socket);
  }

  /** {@code {"type":"ping"}} is answered with {@code {"type":"pong"}}; other frames are ignored. */
  @OnTextMessage
  @NonBlocking
  public void message(WebSocketConnection connection, String text) {
    LiveSocket socket = connection.userData().get(SOCKET);
    if (socket == null) {
      return;
    }
    hub.alive(socket);
    if (text.contains("\"ping\"")) {
      socket.write(LiveFrames.PONG);
    }
  }

  @OnPongMessage
  @NonBlocking
  public void pong(WebSocketConnection connection, Buffer data) {
    LiveSocket socket = connection.userData().get(SOCKET);
    if (socket != null) {
      hub.alive(socket);
    }
  }

  @OnClose
  @NonBlocking
  public void close(WebSocketConnection connection) {
    LiveSocket socket = connection.userData().get(SOCKET);
    if (socket != null) {
      hub.closed(socket);
    }
  }

  @OnError
  @NonBlocking
  public void error(WebSocketConnection connection, Throwable failure) {
    LOG.debugf("live socket %s: %s", connection.id(), failure.toString());
  }

  /** Frames go to the WebSocket connection. */
  private record Outbound(WebSocketConnection connection) implements LiveSocket.Outbound {

    @Override
    public String id() {
      return connection.id();
    }

    @Override
    public Uni<Void> sendText(String text) {
      return connection.sendText(text);
    }

    @Override
    public Uni<Void> sendPing() {
      return connection.sendPing(Buffer.buffer());
    }

    @Override
    public Uni<Void> close(int code, String reason) {
      return connection.close(new CloseReason(code, reason));
    }
  }
}
