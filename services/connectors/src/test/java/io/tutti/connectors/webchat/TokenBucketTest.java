package io.tutti.connectors.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final AtomicLong now = new AtomicLong();
  private final TokenBucket bucket = new TokenBucket(10, 20, now::get);

  @Test
  void burstUpToTheCapacityPassesThenTheNextIsRefused() {
    assertThat(IntStream.range(0, 20).allMatch(i -> bucket.tryTake())).isTrue();
    assertThat(bucket.tryTake()).isFalse();
  }

  @Test
  void tokensComeBackAtTheRate() {
    IntStream.range(0, 20).forEach(i -> bucket.tryTake());

    now.addAndGet(100_000_000); // 100 ms: one token at 10 per second

    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
  }

  @Test
  void anIdleBucketRefillsOnlyToItsCapacity() {
    now.addAndGet(3_600_000_000_000L);

    assertThat(IntStream.range(0, 20).allMatch(i -> bucket.tryTake())).isTrue();
    assertThat(bucket.tryTake()).isFalse();
  }
}
