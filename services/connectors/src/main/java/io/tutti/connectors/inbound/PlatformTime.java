package io.tutti.connectors.inbound;

import java.time.Duration;
import java.time.Instant;

/**
 * When a platform says a message was sent, taken only when it is a time a message can have been
 * sent: from 2000 on and no later than a day ahead of this clock. Anything else (absent, zero, a
 * seconds value read as milliseconds, a year 300,000 that PostgreSQL would store as {@code
 * infinity} and nothing could read back) is the time it reached us.
 */
public final class PlatformTime {

  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  static final Duration MAX_AHEAD = Duration.ofDays(1);

  private PlatformTime() {}

  /** The claimed instant when plausible, else {@code now}. */
  public static Instant sentAt(Instant claimed, Instant now) {
    if (claimed == null || claimed.isBefore(EARLIEST) || claimed.isAfter(now.plus(MAX_AHEAD))) {
      return now;
    }
    return claimed;
  }

  /** Epoch milliseconds when plausible, else now. */
  public static Instant ofEpochMillis(Long millis) {
    Instant now = Instant.now();
    return millis == null ? now : sentAt(Instant.ofEpochMilli(millis), now);
  }

  /** Epoch seconds when plausible, else now. */
  public static Instant ofEpochSeconds(Long seconds) {
    Instant now = Instant.now();
    if (seconds == null
        || seconds < EARLIEST.getEpochSecond()
        || seconds > now.plus(MAX_AHEAD).getEpochSecond()) {
      return now;
    }
    return Instant.ofEpochSecond(seconds);
  }
}
