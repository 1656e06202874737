package io.tutti.bench.proc;

import io.tutti.bench.report.BenchResult.ProcessUsage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds a series of samples into CPU and memory per process per named window (a rate step). Kept
 * apart from the sampling thread and from {@code /proc} so the arithmetic can be tested with fixed
 * numbers.
 *
 * <p>Each interval between two samples belongs to the window that was current when it ended. The
 * average is CPU time over wall time across the window; the maximum is the busiest interval of at
 * least half a second, because a few milliseconds between a scheduled sample and a {@link #mark}
 * hold too few clock ticks to mean anything.
 */
final class UsageAggregator {

  /** Shorter intervals count towards the average but not towards the busiest second. */
  static final double SHORTEST_PEAK_SECONDS = 0.5;

  private final long clockTicksPerSecond;
  private final Map<String, Map<String, Totals>> windows = new LinkedHashMap<>();
  private Snapshot previous;
  private String window;

  UsageAggregator(long clockTicksPerSecond) {
    this.clockTicksPerSecond = clockTicksPerSecond;
  }

  /** All groups at one moment. */
  record Snapshot(long nanoTime, Map<String, GroupSample> groups) {}

  /** Takes {@code snapshot}, closing the interval before it into the current window, if any. */
  void add(Snapshot snapshot) {
    if (previous != null && window != null) {
      double seconds = (snapshot.nanoTime() - previous.nanoTime()) / 1e9;
      if (seconds > 0) {
        var totals = windows.computeIfAbsent(window, w -> new HashMap<>());
        snapshot
            .groups()
            .forEach(
                (name, now) -> {
                  var before = previous.groups().get(name);
                  if (before != null) {
                    totals
                        .computeIfAbsent(name, n -> new Totals())
                        .add(seconds, now.cpuTicksSince(before), now.residentBytes());
                  }
                });
      }
    }
    previous = snapshot;
  }

  /** Ends the current window at {@code snapshot} and starts {@code next} from it. */
  void mark(String next, Snapshot snapshot) {
    add(snapshot);
    window = next;
    windows.computeIfAbsent(next, w -> new HashMap<>());
  }

  /** CPU and memory per process over {@code name}; empty for a window never marked. */
  Map<String, ProcessUsage> usage(String name) {
    var usage = new TreeMap<String, ProcessUsage>();
    windows
        .getOrDefault(name, Map.of())
        .forEach((process, totals) -> usage.put(process, totals.usage()));
    return usage;
  }

  private final class Totals {
    private double seconds;
    private long ticks;
    private double peakPercent = -1;
    private double anyIntervalPeakPercent;
    private long residentBytesMax;

    void add(double intervalSeconds, long intervalTicks, long residentBytes) {
      seconds += intervalSeconds;
      ticks += intervalTicks;
      residentBytesMax = Math.max(residentBytesMax, residentBytes);
      double percent = 100.0 * intervalTicks / clockTicksPerSecond / intervalSeconds;
      anyIntervalPeakPercent = Math.max(anyIntervalPeakPercent, percent);
      if (intervalSeconds >= SHORTEST_PEAK_SECONDS) {
        peakPercent = Math.max(peakPercent, percent);
      }
    }

    ProcessUsage usage() {
      double average = seconds > 0 ? 100.0 * ticks / clockTicksPerSecond / seconds : 0;
      double peak = peakPercent >= 0 ? peakPercent : anyIntervalPeakPercent;
      return new ProcessUsage(average, peak, residentBytesMax);
    }
  }
}
