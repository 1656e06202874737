package io.tutti.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A socket's own bookkeeping, against a connection that writes only when the test says so. */
class LiveSocketTest {

  private static final LiveUser ALICE = new LiveUser("acme", "alice", false, "token");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Connection connection = new Connection();
  private final LiveSocket socket =
      new LiveSocket(ALICE, connection, 100, null, new LiveMetrics(registry));

  @Test
  void aClientThatStopsReadingIsClosedOnceItsSendBufferIsFull() {
    String frame = "x".repeat(40);

    assertThat(socket.push(frame, "conversation.opened")).isTrue();
    assertThat(socket.push(frame, "conversation.opened")).isTrue();
    assertThat(socket.push(frame, "conversation.opened")).isFalse();
    assertThat(socket.push(frame, "conversation.opened")).isFalse();

    assertThat(connection.closes)
        .containsExactly("1013 too slow: more than the send buffer waiting");
    assertThat(connection.sent).hasSize(2);
    assertThat(registry.get("tutti.live.sockets.closed").tag("cause", "slow").counter().count())
        .isEqualTo(1);
  }

  @Test
  void framesTheNetworkTookMakeRoomForMore() {
    String frame = "x".repeat(40);
    for (int i = 0; i < 10; i++) {
      assertThat(socket.push(frame, "conversation.opened")).isTrue();
      connection.writeAll();
    }

    assertThat(socket.pendingBytes()).isZero();
    assertThat(connection.closes).isEmpty();
    assertThat(
            registry
                .get("tutti.live.events.pushed")
                .tag("type", "conversation.opened")
                .counter()
                .count())
        .isEqualTo(10);
  }

  @Test
  void aClientThatDoesNotAnswerAPingIsClosed() {
    assertThat(socket.ping()).isTrue();
    socket.alive();
    assertThat(socket.ping()).isTrue();

    assertThat(socket.ping()).isFalse();

    assertThat(connection.pings).isEqualTo(2);
    assertThat(connection.closes).containsExactly("1001 ping not answered");
  }

  /** Writes are held until {@link #writeAll}. */
  private static final class Connection implements LiveSocket.Outbound {
    final List<String> sent = new ArrayList<>();
    final List<UniEmitter<? super Void>> waiting = new ArrayList<>();
    final List<String> closes = new ArrayList<>();
    int pings;

    @Override
    public String id() {
      return "test";
    }

    @Override
    public Uni<Void> sendText(String text) {
      sent.add(text);
      return Uni.createFrom().emitter(waiting::add);
    }

    @Override
    public Uni<Void> sendPing() {
      pings++;
      return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> close(int code, String reason) {
      closes.add(code + " " + reason);
      return Uni.createFrom().voidItem();
    }

    void writeAll() {
      List.copyOf(waiting).forEach(emitter -> emitter.complete(null));
      waiting.clear();
    }
  }
}
