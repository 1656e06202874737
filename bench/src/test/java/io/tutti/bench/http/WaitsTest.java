package io.tutti.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitsTest {

  @Test
  void holdsOnceTheConditionDoesAndCountsAFailingCheckAsNotYet() {
    AtomicInteger checks = new AtomicInteger();

    boolean held =
        Waits.until(
            () -> {
              int check = checks.incrementAndGet();
              if (check == 1) {
                throw new IllegalStateException("a server restarting");
              }
              return check >= 3;
            },
            Duration.ofSeconds(5));

    assertThat(held).isTrue();
    assertThat(checks).hasValue(3);
  }

  @Test
  void aConditionThatNeverHoldsEndsAtTheLimit() {
    long started = System.nanoTime();

    assertThat(Waits.until(() -> false, Duration.ofMillis(600))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }
}
