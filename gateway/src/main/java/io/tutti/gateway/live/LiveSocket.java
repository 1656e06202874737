package io.tutti.gateway.live;

import io.smallrye.mutiny.Uni;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One open {@code /api/live} socket. Counts the bytes written to it that the network has not taken
 * yet, and closes it (1013) once they pass the send buffer, so a client that stops reading costs a
 * bounded amount of memory.
 */
final class LiveSocket {

  private static final Logger LOG = Logger.getLogger(LiveSocket.class);

  /** Where frames go: the WebSocket connection, or a stand-in in tests. */
  interface Outbound {
    String id();

    /** Completes once the text is written to the network. */
    Uni<Void> sendText(String text);

    Uni<Void> sendPing();

    Uni<Void> close(int code, String reason);
  }

  private final LiveUser user;
  private final Outbound out;
  private final long sendBuffer;
  private final UUID lastEventId;
  private final LiveMetrics metrics;
  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean awaitingPong;

  /**
   * @param lastEventId the last event the client had, to resume after; null for a fresh start
   */
  LiveSocket(LiveUser user, Outbound out, long sendBuffer, UUID lastEventId, LiveMetrics metrics) {
    this.user = user;
    this.out = out;
    this.sendBuffer = sendBuffer;
    this.lastEventId = lastEventId;
    this.metrics = metrics;
  }

  LiveUser user() {
    return user;
  }

  UUID lastEventId() {
    return lastEventId;
  }

  /** Most characters that may wait to be written to this socket. */
  long sendBuffer() {
    return sendBuffer;
  }

  boolean isClosing() {
    return closing.get();
  }

  /** Writes an event's frame; false when the socket is closing (or was closed for slowness). */
  boolean push(String frame, String type) {
    if (!write(frame)) {
      return false;
    }
    metrics.pushed(type);
    return true;
  }

  /** Writes a frame of the socket's own (ready, refresh, pong). */
  boolean write(String frame) {
    if (closing.get()) {
      return false;
    }
    // Characters, not UTF-8 bytes: close enough for a bound, and free to count per socket.
    long size = frame.length();
    if (pendingBytes.addAndGet(size) > sendBuffer) {
      pendingBytes.addAndGet(-size);
      close(LiveFrames.TRY_AGAIN_LATER, "too slow: more than the send buffer waiting", "slow");
      return false;
    }
    out.sendText(frame)
        .subscribe()
        .with(
            ok -> pendingBytes.addAndGet(-size),
            failure -> {
              pendingBytes.addAndGet(-size);
              LOG.debugf("write to live socket %s failed: %s", out.id(), failure.toString());
            });
    return true;
  }

  /**
   * Pings the client; false (and the socket closed) when it did not answer the previous ping. A
   * frame from the client counts as an answer too.
   */
  boolean ping() {
    if (closing.get()) {
      return false;
    }
    if (awaitingPong) {
      close(LiveFrames.NO_PONG, "ping not answered", "no-pong");
      return false;
    }
    awaitingPong = true;
    out.sendPing().subscribe().with(ok -> {}, failure -> {});
    return true;
  }

  /** The client answered, or said something. */
  void alive() {
    awaitingPong = false;
  }

  long pendingBytes() {
    return pendingBytes.get();
  }

  /** Closes once with the code and reason; {@code cause} tags the metric. */
  void close(int code, String reason, String cause) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    metrics.closed(cause);
    LOG.debugf("closing live socket %s of %s: %d %s", out.id(), user, code, reason);
    out.close(code, reason).subscribe().with(ok -> {}, failure -> {});
  }

  /** The connection ended, whoever ended it. */
  void ended() {
    closing.set(true);
  }

  String id() {
    return out.id();
  }
}
