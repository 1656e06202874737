package io.tutti.gateway.security;

/**
 * A token bucket: holds up to {@code burst} tokens, refills at {@code perSecond}, and each request
 * takes one. Synchronised, since requests from one client may arrive on several event loops.
 */
final class TokenBucket {

  private final double perSecond;
  private final int burst;
  private double tokens;
  private long updatedNanos;

  TokenBucket(double perSecond, int burst, long nowNanos) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.updatedNanos = nowNanos;
  }

  /**
   * Takes a token; answers 0 when there was one, else the whole seconds until there will be (at
   * least 1), for {@code Retry-After}.
   */
  synchronized long take(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    double missing = 1 - tokens;
    return Math.max(1, (long) Math.ceil(missing / perSecond));
  }

  /** Whether the bucket is full again, so forgetting it changes nothing. */
  synchronized boolean full(long nowNanos) {
    refill(nowNanos);
    return tokens >= burst;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - updatedNanos;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed / 1e9 * perSecond);
      updatedNanos = nowNanos;
    }
  }
}
