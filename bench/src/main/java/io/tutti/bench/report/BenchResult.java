package io.tutti.bench.report;

import java.util.List;
import java.util.Map;

/**
 * One run of the pipeline benchmark: what was driven, what came out at every rate step, and the
 * machine's raw limits it is compared with. Written as bench/results/&lt;date&gt;.json.
 *
 * @param startedAt ISO-8601 instant the run started
 * @param command the exact command line that ran it
 * @param machine cores, memory, OS and JDK of the machine
 * @param agents live agent sockets held open during every step
 * @param replyShare share of delivered customer messages an agent answered (0..1)
 * @param warmup the load sent before the first step so the services ran compiled code, in no step;
 *     null when there was none
 * @param steps one per rate step, in the order run
 * @param raw the machine's raw limits, measured in the same run
 * @param integrity what the stores and queues held after the run; null when not checked
 */
public record BenchResult(
    String startedAt,
    String command,
    Machine machine,
    int agents,
    double replyShare,
    Warmup warmup,
    List<Step> steps,
    RawLimits raw,
    Integrity integrity) {

  /** The unmeasured load before the first step, and how it went. */
  public record Warmup(int rate, int seconds, long accepted, long delivered, Latency latency) {}

  /** The machine, as the run saw it. */
  public record Machine(int cores, long memoryBytes, String os, String jdk) {}

  /**
   * One rate step.
   *
   * @param targetRate webhooks a second the load generator aimed at
   * @param seconds how long it sent
   * @param sent webhooks sent
   * @param accepted answered 200
   * @param rejected answered anything else, or not at all within the timeout
   * @param acceptedPerSecond accepted / seconds
   * @param delivered accepted webhooks whose message reached an agent's socket
   * @param lost accepted webhooks whose message never reached a socket within the drain time
   * @param latency webhook 200 → event on an agent's socket, in milliseconds
   * @param repliesRequested replies agents posted (202)
   * @param repliesDelivered replies the fake platform API received
   * @param queueDepth total messages ready or unacknowledged in the services' queues over time
   * @param processes CPU and memory of every process over the step, by process name
   */
  public record Step(
      int targetRate,
      int seconds,
      long sent,
      long accepted,
      long rejected,
      double acceptedPerSecond,
      long delivered,
      long lost,
      Latency latency,
      long repliesRequested,
      long repliesDelivered,
      List<Sample> queueDepth,
      Map<String, ProcessUsage> processes) {}

  /** Percentiles in milliseconds. */
  public record Latency(double p50, double p95, double p99, double max) {}

  /** A value at a moment, seconds from the step's start. */
  public record Sample(double atSeconds, double value) {}

  /**
   * One process over a step.
   *
   * @param cpuPercentAverage CPU time over wall time, 100 = one core busy
   * @param cpuPercentMax the busiest one-second sample
   * @param rssBytesMax the largest resident set seen
   */
  public record ProcessUsage(double cpuPercentAverage, double cpuPercentMax, long rssBytesMax) {}

  /**
   * The machine's own ceilings for what Tutti does per message.
   *
   * @param rabbitmqMessagesPerSecond persistent messages published with confirms and consumed with
   *     acks (PerfTest), per second
   * @param postgresInsertsPerSecond single-row committed inserts per second
   * @param detail how each was measured (tool, flags, connections, seconds)
   */
  public record RawLimits(
      double rabbitmqMessagesPerSecond,
      double postgresInsertsPerSecond,
      Map<String, String> detail) {}

  /**
   * After every step: whether each accepted message is stored once, and what is stuck.
   *
   * @param accepted webhooks of the run answered 200
   * @param stored customer messages of the run in the conversations store
   * @param storedTwice of those, stored more than once
   * @param repliesDeliveredTwice replies the fake platform received more than once
   * @param deadLettered messages in the services' dead-letter queues at the end
   * @param outboxUnpublished events committed but not yet published at the end
   * @param socketRefreshes refresh frames agents got (events they could not be replayed)
   * @param socketReconnects agent sockets that dropped and were opened again
   * @param replyRefusals replies the API did not take (not 202)
   */
  public record Integrity(
      long accepted,
      long stored,
      long storedTwice,
      long repliesDeliveredTwice,
      long deadLettered,
      long outboxUnpublished,
      long socketRefreshes,
      long socketReconnects,
      long replyRefusals) {}
}
