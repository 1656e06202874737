package io.tutti.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupSampleTest {

  @Test
  void cpuSinceIsTheGrowthOfEveryProcessSeenTwice() {
    var before = new GroupSample(Map.of(1L, 100L, 2L, 50L), 0);
    var after = new GroupSample(Map.of(1L, 130L, 2L, 55L), 0);

    assertThat(after.cpuTicksSince(before)).isEqualTo(35);
  }

  @Test
  void processThatAppearedCountsAllItsTicksAndOneThatExitedDoesNotMakeItNegative() {
    var before = new GroupSample(Map.of(1L, 100L, 2L, 5_000L), 0);
    var after = new GroupSample(Map.of(1L, 110L, 3L, 7L), 0);

    assertThat(after.cpuTicksSince(before)).isEqualTo(17);
  }

  @Test
  void pidReusedByAYoungerProcessDoesNotCountBackwards() {
    var before = new GroupSample(Map.of(9L, 900L), 0);
    var after = new GroupSample(Map.of(9L, 4L), 0);

    assertThat(after.cpuTicksSince(before)).isZero();
  }
}
