package io.tutti.connectors.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class PlatformTimeTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void aPlausibleTimeIsTakenAsSent() {
    Instant anHourAgo = NOW.minus(Duration.ofHours(1));
    Instant aMinuteAhead = NOW.plus(Duration.ofMinutes(1));

    assertThat(PlatformTime.sentAt(anHourAgo, NOW)).isEqualTo(anHourAgo);
    assertThat(PlatformTime.sentAt(aMinuteAhead, NOW)).isEqualTo(aMinuteAhead);
    assertThat(PlatformTime.sentAt(PlatformTime.EARLIEST, NOW)).isEqualTo(PlatformTime.EARLIEST);
  }

  @Test
  void aTimeNoMessageCanHaveIsTheTimeItReachedUs() {
    // Found by the fuzz run: an Instagram timestamp past PostgreSQL's last year was stored as
    // infinity, and the contact it touched could not be read again (a 500 on every request).
    assertThat(PlatformTime.sentAt(null, NOW)).isEqualTo(NOW);
    assertThat(PlatformTime.sentAt(Instant.ofEpochSecond(2222), NOW)).isEqualTo(NOW);
    assertThat(PlatformTime.sentAt(NOW.plus(Duration.ofDays(2)), NOW)).isEqualTo(NOW);
    assertThat(PlatformTime.sentAt(Instant.MAX, NOW)).isEqualTo(NOW);
    assertThat(PlatformTime.sentAt(Instant.MIN, NOW)).isEqualTo(NOW);
  }

  @Test
  void epochValuesOutOfAnyRangeAreNow() {
    Instant now = Instant.now();

    assertThat(PlatformTime.ofEpochMillis(Long.MAX_VALUE))
        .isCloseTo(now, within(1, ChronoUnit.MINUTES));
    assertThat(PlatformTime.ofEpochMillis(-1L)).isCloseTo(now, within(1, ChronoUnit.MINUTES));
    assertThat(PlatformTime.ofEpochMillis(null)).isCloseTo(now, within(1, ChronoUnit.MINUTES));
    assertThat(PlatformTime.ofEpochSeconds(Long.MAX_VALUE))
        .isCloseTo(now, within(1, ChronoUnit.MINUTES));
    assertThat(PlatformTime.ofEpochSeconds(Long.MIN_VALUE))
        .isCloseTo(now, within(1, ChronoUnit.MINUTES));
    assertThat(PlatformTime.ofEpochMillis(1_733_313_600_000L))
        .isEqualTo(Instant.parse("2024-12-04T12:00:00Z"));
    assertThat(PlatformTime.ofEpochSeconds(1_733_313_600L))
        .isEqualTo(Instant.parse("2024-12-04T12:00:00Z"));
  }
}
