package io.tutti.bench.proc;

import io.tutti.bench.report.BenchResult.ProcessUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples CPU and resident memory of every process the benchmark cares about once a second, on a
 * daemon thread, and sums them per window (a rate step), so the report can say which process ran
 * out of CPU first. Reads {@code /proc} directly: no agent in the measured processes, and the
 * figures are the kernel's own, as {@code top} shows them.
 *
 * <p>The processes: every one the launcher started ({@code .tutti/pids/<name>.pid}: connectors,
 * conversations, profiles, attribution, gateway, keycloak), PostgreSQL (all {@code postgres}
 * processes together), RabbitMQ ({@code beam.smp}) and this JVM ({@code bench}).
 *
 * <pre>{@code
 * try (var sampler = ProcessSampler.start(repoRoot)) {
 *   sampler.mark("500/s");
 *   ... drive the step ...
 *   sampler.mark("idle");
 *   Map<String, ProcessUsage> usage = sampler.usage("500/s");
 * }
 * }</pre>
 */
public final class ProcessSampler implements AutoCloseable {

  /** What the kernel counts CPU time in when {@code getconf} cannot tell. */
  static final long DEFAULT_CLOCK_TICKS = 100;

  private final ProcessGroups groups;
  private final UsageAggregator aggregator;
  private final ScheduledExecutorService scheduler;

  private ProcessSampler(ProcessGroups groups, long clockTicksPerSecond) {
    this.groups = groups;
    this.aggregator = new UsageAggregator(clockTicksPerSecond);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              var thread = new Thread(task, "process-sampler");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts sampling the processes of the system under {@code repoRoot}, every second. */
  public static ProcessSampler start(Path repoRoot) {
    var groups =
        new ProcessGroups(
            Path.of("/proc"),
            repoRoot.resolve(".tutti").resolve("pids"),
            ProcessHandle.current().pid());
    var sampler = new ProcessSampler(groups, clockTicksPerSecond());
    sampler.sample();
    sampler.scheduler.scheduleAtFixedRate(sampler::sampleQuietly, 1, 1, TimeUnit.SECONDS);
    return sampler;
  }

  /**
   * Begins window {@code window}: the time since the previous mark goes to the previous window,
   * from now on to this one. Samples at once, so a step's boundary is exact, not up to a second
   * off.
   */
  public synchronized void mark(String window) {
    aggregator.mark(window, snapshot());
  }

  /** CPU and memory of every process over {@code window} so far, by process name. */
  public synchronized Map<String, ProcessUsage> usage(String window) {
    return aggregator.usage(window);
  }

  /** Stops sampling, closing the current window with one last sample. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }

  private synchronized void sample() {
    aggregator.add(snapshot());
  }

  private void sampleQuietly() {
    try {
      sample();
    } catch (RuntimeException e) {
      // A failed sample leaves a longer interval to the next one; the thread must survive it.
      System.err.println("process sampler: " + e.getMessage());
    }
  }

  private UsageAggregator.Snapshot snapshot() {
    long now = System.nanoTime();
    return new UsageAggregator.Snapshot(now, groups.sample());
  }

  /** {@code getconf CLK_TCK}, asked once; 100 (Linux on x86 and ARM) when it cannot be asked. */
  static long clockTicksPerSecond() {
    try {
      var process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0) {
        return parseClockTicks(answer);
      }
    } catch (IOException e) {
      // No getconf on this machine.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return DEFAULT_CLOCK_TICKS;
  }

  static long parseClockTicks(String answer) {
    try {
      long ticks = Long.parseLong(answer.trim());
      return ticks > 0 ? ticks : DEFAULT_CLOCK_TICKS;
    } catch (NumberFormatException e) {
      return DEFAULT_CLOCK_TICKS;
    }
  }
}
