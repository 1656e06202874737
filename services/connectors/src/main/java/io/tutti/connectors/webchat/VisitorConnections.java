package io.tutti.connectors.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The website visitors connected to this replica, by inbox and visitor id. A visitor with several
 * tabs open has several connections; a frame for the visitor goes to all of them.
 */
@ApplicationScoped
public class VisitorConnections {

  private static final Logger LOG = Logger.getLogger(VisitorConnections.class);

  private final Map<Visitor, Set<WebSocketConnection>> open = new ConcurrentHashMap<>();
  private final ObjectMapper json;

  public VisitorConnections(ObjectMapper json) {
    this.json = json;
  }

  /** One visitor of one website chat inbox. */
  public record Visitor(UUID inboxId, String visitorId) {}

  /** Whether the visitor has at least one open connection to this replica. */
  public boolean isOnline(UUID inboxId, String visitorId) {
    Set<WebSocketConnection> connections = open.get(new Visitor(inboxId, visitorId));
    return connections != null && connections.stream().anyMatch(WebSocketConnection::isOpen);
  }

  /**
   * Sends a frame to every open connection of the visitor; answers how many took it (zero when the
   * visitor is not connected here). A connection that fails to take it is left to its own close.
   */
  public Uni<Integer> push(UUID inboxId, String visitorId, ServerFrame frame) {
    String text;
    try {
      text = json.writeValueAsString(frame);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(new IllegalArgumentException("unwritable frame", e));
    }
    List<WebSocketConnection> targets =
        open.getOrDefault(new Visitor(inboxId, visitorId), Set.of()).stream()
            .filter(WebSocketConnection::isOpen)
            .toList();
    if (targets.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    List<Uni<Boolean>> sends =
        targets.stream()
            .map(
                connection ->
                    connection
                        .sendText(text)
                        .replaceWith(true)
                        .onFailure()
                        .recoverWithItem(
                            failure -> {
                              LOG.debugf(
                                  "could not push to visitor connection %s: %s",
                                  connection.id(), failure.getMessage());
                              return false;
                            }))
            .toList();
    return Uni.join()
        .all(sends)
        .andCollectFailures()
        .map(sent -> (int) sent.stream().filter(Boolean::booleanValue).count());
  }

  void add(UUID inboxId, String visitorId, WebSocketConnection connection) {
    // compute, not computeIfAbsent then add: a concurrent remove could drop the set in between.
    open.compute(
        new Visitor(inboxId, visitorId),
        (visitor, connections) -> {
          Set<WebSocketConnection> set =
              connections != null ? connections : ConcurrentHashMap.newKeySet();
          set.add(connection);
          return set;
        });
  }

  void remove(UUID inboxId, String visitorId, WebSocketConnection connection) {
    open.computeIfPresent(
        new Visitor(inboxId, visitorId),
        (visitor, connections) -> {
          connections.remove(connection);
          return connections.isEmpty() ? null : connections;
        });
  }
}
