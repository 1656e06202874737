package io.tutti.conversations.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of every service test: the real time, moved ahead by what a test says has passed, so a
 * five-minute presence timeout or a thirty-minute no-reply limit is reached without waiting. A test
 * that moves it puts it back when it ends ({@link #reset()}).
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

  private volatile Duration ahead = Duration.ZERO;

  /** Makes this much time pass. */
  public void advance(Duration by) {
    ahead = ahead.plus(by);
  }

  public void reset() {
    ahead = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), ahead);
  }
}
