package io.tutti.gateway.live;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RFC 9562 version 7 UUIDs for the events the gateway publishes, made as {@code
 * io.tutti.events.UuidV7} makes them: a millisecond timestamp, a counter that keeps one process's
 * ids increasing, random bits.
 */
final class EventIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong LAST = new AtomicLong();

  private EventIds() {}

  static UUID next() {
    long now = System.currentTimeMillis();
    long stamp = LAST.updateAndGet(previous -> Math.max(previous + 1, now << 12));
    long msb = ((stamp >>> 12) << 16) | 0x7000L | (stamp & 0xFFF);
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
