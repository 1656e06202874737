package io.tutti.connectors.webchat;

import java.util.function.LongSupplier;

/**
 * A rate limit for one connection: {@code capacity} tokens, refilled at {@code perSecond}; each
 * frame takes one. Synchronized because a connection's frames, though handled one at a time, may be
 * handled on different threads.
 */
final class TokenBucket {

  private final double capacity;
  private final double perNano;
  private final LongSupplier nanoClock;
  private double tokens;
  private long refilledAt;

  TokenBucket(double perSecond, int capacity, LongSupplier nanoClock) {
    if (perSecond <= 0 || capacity < 1) {
      throw new IllegalArgumentException("a rate limit needs a positive rate and capacity");
    }
    this.capacity = capacity;
    this.perNano = perSecond / 1_000_000_000d;
    this.nanoClock = nanoClock;
    this.tokens = capacity;
    this.refilledAt = nanoClock.getAsLong();
  }

  TokenBucket(double perSecond, int capacity) {
    this(perSecond, capacity, System::nanoTime);
  }

  /** Takes a token when one is left; false means the caller is over the limit. */
  synchronized boolean tryTake() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
    refilledAt = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
