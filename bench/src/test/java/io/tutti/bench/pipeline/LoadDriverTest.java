package io.tutti.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoadDriverTest {

  @Test
  void aWebhookIsRetriedAfterABackoffThatDoublesFromASecond() {
    for (int retried = 0; retried < 5; retried++) {
      long base = 1_000L << retried;
      int n = retried;
      IntStream.range(0, 200)
          .mapToLong(i -> LoadDriver.retryDelayMillis(n))
          .forEach(delay -> assertThat(delay).isBetween(base / 2, base * 3 / 2));
    }
  }

  @Test
  void retriesOfOneBurstSpreadOut() {
    long distinct =
        IntStream.range(0, 100).mapToLong(i -> LoadDriver.retryDelayMillis(2)).distinct().count();
    assertThat(distinct).isGreaterThan(50);
  }

  @Test
  void theBackoffStopsDoublingAfterTenRetries() {
    assertThat(LoadDriver.retryDelayMillis(40)).isLessThan((1_000L << 10) * 3 / 2);
  }
}
