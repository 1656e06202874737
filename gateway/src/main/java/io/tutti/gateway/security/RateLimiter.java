package io.tutti.gateway.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key ({@code api:<credential hash>}, {@code webhooks:<address>}…), each created
 * full on first use. Per gateway instance: with N replicas behind a load balancer a client gets up
 * to N times the configured rate.
 */
final class RateLimiter {

  /** A class of routes with its own rate. */
  record Limit(String name, double perSecond, int burst) {}

  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final int maxTracked;
  private final LongSupplier clock;

  RateLimiter(int maxTracked, LongSupplier clock) {
    this.maxTracked = maxTracked;
    this.clock = clock;
  }

  /** Takes a token for the key; 0 when allowed, else the seconds to wait. */
  long take(Limit limit, String key) {
    long now = clock.getAsLong();
    if (buckets.size() >= maxTracked) {
      forgetIdle();
    }
    return buckets
        .computeIfAbsent(
            limit.name() + ":" + key, k -> new TokenBucket(limit.perSecond(), limit.burst(), now))
        .take(now);
  }

  /**
   * Drops the buckets that are full again: their clients have been quiet long enough that a fresh
   * bucket behaves the same. When every bucket is busy and the map is still at its bound (a flood
   * of distinct addresses), it starts over rather than grow.
   */
  void forgetIdle() {
    long now = clock.getAsLong();
    buckets.values().removeIf(bucket -> bucket.full(now));
    if (buckets.size() >= maxTracked) {
      buckets.clear();
    }
  }

  int tracked() {
    return buckets.size();
  }
}
