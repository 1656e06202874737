package io.tutti.bench.proc;

import java.util.Map;

/**
 * The processes behind one name at one moment: each one's CPU ticks so far, and their resident
 * memory together. CPU is kept per process because processes come and go between samples (a
 * PostgreSQL backend per connection); a plain sum would drop when one exits.
 *
 * @param cpuTicksByPid utime + stime of every process in the group
 * @param residentBytes the sum of their resident sets
 */
public record GroupSample(Map<Long, Long> cpuTicksByPid, long residentBytes) {

  public GroupSample {
    cpuTicksByPid = Map.copyOf(cpuTicksByPid);
  }

  /**
   * CPU ticks spent between {@code earlier} and this sample: for a process in both, the difference;
   * for one that appeared since, all its ticks (it started in between). A process that exited in
   * between takes its last ticks with it, which the kernel no longer shows.
   */
  public long cpuTicksSince(GroupSample earlier) {
    long ticks = 0;
    for (var process : cpuTicksByPid.entrySet()) {
      long before = earlier.cpuTicksByPid().getOrDefault(process.getKey(), 0L);
      ticks += Math.max(0, process.getValue() - before);
    }
    return ticks;
  }
}
