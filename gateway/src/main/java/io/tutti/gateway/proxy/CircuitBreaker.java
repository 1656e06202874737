package io.tutti.gateway.proxy;

import java.util.function.LongSupplier;

/**
 * One service's circuit breaker. After {@code threshold} failures in a row (no connection, closed
 * before answering, no answer in time) it opens: the service's routes answer 503 at once, sparing a
 * struggling service the load and clients the wait. After {@code openFor} one trial request goes
 * through (half open); its success closes the circuit, its failure opens it again. Called from
 * every event loop, hence synchronised; each call is a few field reads.
 */
final class CircuitBreaker {

  private final int threshold;
  private final long openForNanos;
  private final LongSupplier clock;

  private int failuresInARow;
  private long openedAt;
  private boolean open;
  private boolean trialOut;

  CircuitBreaker(int threshold, long openForNanos, LongSupplier clock) {
    this.threshold = threshold;
    this.openForNanos = openForNanos;
    this.clock = clock;
  }

  /** Whether a request may go to the service now; when half open, only the one trial may. */
  synchronized boolean allows() {
    if (!open) {
      return true;
    }
    if (!trialOut && clock.getAsLong() - openedAt >= openForNanos) {
      trialOut = true;
      return true;
    }
    return false;
  }

  /** Whole seconds until a trial request will be let through, for {@code Retry-After}. */
  synchronized long secondsUntilTrial() {
    long left = openForNanos - (clock.getAsLong() - openedAt);
    return Math.max(1, (long) Math.ceil(left / 1e9));
  }

  synchronized void succeeded() {
    failuresInARow = 0;
    open = false;
    trialOut = false;
  }

  synchronized void failed() {
    failuresInARow++;
    if ((open && trialOut) || (!open && failuresInARow >= threshold)) {
      open = true;
      openedAt = clock.getAsLong();
      trialOut = false;
    }
  }

  /** A request let through went nowhere (its client left first); another may try. */
  synchronized void released() {
    trialOut = false;
  }

  synchronized boolean isOpen() {
    return open;
  }
}
