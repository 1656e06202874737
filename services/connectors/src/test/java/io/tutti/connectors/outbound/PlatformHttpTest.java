package io.tutti.connectors.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class PlatformHttpTest {

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    assertThat(PlatformHttp.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
    assertThat(PlatformHttp.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
    String inAMinute =
        ZonedDateTime.now(ZoneOffset.UTC)
            .plusSeconds(60)
            .format(DateTimeFormatter.RFC_1123_DATE_TIME);
    assertThat(PlatformHttp.retryAfter(inAMinute))
        .isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
    assertThat(PlatformHttp.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
  }

  @Test
  void missingOrUnreadableRetryAfterIsNone() {
    assertThat(PlatformHttp.retryAfter(null)).isNull();
    assertThat(PlatformHttp.retryAfter("")).isNull();
    assertThat(PlatformHttp.retryAfter("soon")).isNull();
  }
}
