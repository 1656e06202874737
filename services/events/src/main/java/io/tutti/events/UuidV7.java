package io.tutti.events;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RFC 9562 version 7 UUIDs: a millisecond timestamp followed by random bits, so ids sort by
 * creation time and index well. Ids made in the same millisecond by one process stay monotonic
 * through a counter in the random part.
 */
public final class UuidV7 {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong LAST = new AtomicLong();

  private UuidV7() {}

  public static UUID next() {
    long now = System.currentTimeMillis();
    // 48 bits of time and a 12-bit sequence, kept strictly increasing across calls.
    long stamp = LAST.updateAndGet(previous -> Math.max(previous + 1, now << 12));
    long millis = stamp >>> 12;
    long sequence = stamp & 0xFFF;
    long msb = (millis << 16) | 0x7000L | sequence;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** The creation time encoded in a version 7 UUID, in epoch milliseconds. */
  public static long timestampOf(UUID uuid) {
    if (uuid.version() != 7) {
      throw new IllegalArgumentException("not a version 7 UUID: " + uuid);
    }
    return uuid.getMostSignificantBits() >>> 16;
  }
}
