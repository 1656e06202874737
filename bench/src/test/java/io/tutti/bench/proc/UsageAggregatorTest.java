package io.tutti.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.tutti.bench.proc.UsageAggregator.Snapshot;
import io.tutti.bench.report.BenchResult.ProcessUsage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageAggregatorTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void averageIsCpuOverWallTimeAndMaxIsTheBusiestSecond() {
    var aggregator = new UsageAggregator(100);
    aggregator.mark("500/s", at(0, Map.of("gateway", one(1000, 100))));
    aggregator.add(at(1 * SECOND, Map.of("gateway", one(1050, 300))));
    aggregator.add(at(2 * SECOND, Map.of("gateway", one(1200, 200))));
    aggregator.add(at(3 * SECOND, Map.of("gateway", one(1300, 250))));

    // 300 ticks in 3 s at 100 ticks/s: 100% average; busiest second 150 ticks: 150%.
    assertThat(aggregator.usage("500/s"))
        .containsExactlyEntriesOf(Map.of("gateway", new ProcessUsage(100, 150, 300)));
  }

  @Test
  void markSplitsTheTimelineBetweenWindows() {
    var aggregator = new UsageAggregator(100);
    aggregator.mark("first", at(0, Map.of("bench", one(0, 10))));
    aggregator.add(at(1 * SECOND, Map.of("bench", one(20, 10))));
    aggregator.mark("second", at(2 * SECOND, Map.of("bench", one(40, 10))));
    aggregator.add(at(3 * SECOND, Map.of("bench", one(120, 20))));

    assertThat(aggregator.usage("first").get("bench").cpuPercentAverage()).isEqualTo(20);
    assertThat(aggregator.usage("second").get("bench")).isEqualTo(new ProcessUsage(80, 80, 20));
  }

  @Test
  void samplesBeforeTheFirstMarkBelongToNoWindow() {
    var aggregator = new UsageAggregator(100);
    aggregator.add(at(0, Map.of("bench", one(0, 10))));
    aggregator.add(at(1 * SECOND, Map.of("bench", one(90, 10))));
    aggregator.mark("step", at(2 * SECOND, Map.of("bench", one(95, 10))));
    aggregator.add(at(3 * SECOND, Map.of("bench", one(105, 10))));

    assertThat(aggregator.usage("step").get("bench").cpuPercentAverage()).isEqualTo(10);
    assertThat(aggregator.usage("never marked")).isEmpty();
  }

  @Test
  void shortIntervalAtAMarkCountsForTheAverageButNotTheMax() {
    var aggregator = new UsageAggregator(100);
    aggregator.mark("step", at(0, Map.of("bench", one(0, 10))));
    aggregator.add(at(SECOND, Map.of("bench", one(50, 10))));
    // 1 tick in 10 ms would read as 100%; it must not be the busiest second.
    aggregator.add(at(SECOND + SECOND / 100, Map.of("bench", one(51, 10))));

    var usage = aggregator.usage("step").get("bench");
    assertThat(usage.cpuPercentMax()).isEqualTo(50);
    assertThat(usage.cpuPercentAverage()).isCloseTo(51 / 1.01, offset(1e-9));
  }

  @Test
  void groupOfManyProcessesSumsThemAndFollowsThemComingAndGoing() {
    var aggregator = new UsageAggregator(100);
    aggregator.mark(
        "step", at(0, Map.of("postgresql", new GroupSample(Map.of(1L, 500L, 2L, 10L), 1000))));
    aggregator.add(
        at(SECOND, Map.of("postgresql", new GroupSample(Map.of(1L, 520L, 2L, 40L, 3L, 5L), 3000))));
    aggregator.add(
        at(2 * SECOND, Map.of("postgresql", new GroupSample(Map.of(1L, 530L, 3L, 25L), 2000))));

    // 20 + 30 + 5 ticks, then 10 + 20: 55% and 30%; memory is the largest sum seen.
    assertThat(aggregator.usage("step").get("postgresql"))
        .isEqualTo(new ProcessUsage(42.5, 55, 3000));
  }

  @Test
  void processMissingFromAnEndOfIntervalIsSkippedForThatInterval() {
    var aggregator = new UsageAggregator(100);
    aggregator.mark("step", at(0, Map.of("gateway", one(0, 10), "keycloak", one(0, 10))));
    aggregator.add(at(SECOND, Map.of("gateway", one(30, 10))));

    assertThat(aggregator.usage("step")).containsOnlyKeys("gateway");
  }

  private static Snapshot at(long nanos, Map<String, GroupSample> groups) {
    return new Snapshot(nanos, groups);
  }

  private static GroupSample one(long ticks, long residentBytes) {
    return new GroupSample(Map.of(42L, ticks), residentBytes);
  }
}
