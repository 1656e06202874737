package io.tutti.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.bench.report.BenchResult.Latency;
import io.tutti.bench.report.BenchResult.Machine;
import io.tutti.bench.report.BenchResult.ProcessUsage;
import io.tutti.bench.report.BenchResult.RawLimits;
import io.tutti.bench.report.BenchResult.Sample;
import io.tutti.bench.report.BenchResult.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @Test
  void writesJsonMarkdownAndBothChartsNamedByTheRunDate(@TempDir Path repo) throws Exception {
    var result = result(200, step(500, 120, 0), step(1000, 310, 0));
    var resultsDir = repo.resolve("bench/results");

    Path json = ReportWriter.write(result, resultsDir, repo.resolve("docs/benchmarks.md"));

    assertThat(json).isEqualTo(resultsDir.resolve("2025-12-02.json"));
    assertThat(resultsDir.resolve("2025-12-02.md")).isRegularFile();
    assertThat(resultsDir.resolve("2025-12-02-latency.svg")).isRegularFile();
    assertThat(resultsDir.resolve("2025-12-02-throughput.svg")).isRegularFile();
    SvgChartTest.parse(Files.readString(resultsDir.resolve("2025-12-02-latency.svg")));
    SvgChartTest.parse(Files.readString(resultsDir.resolve("2025-12-02-throughput.svg")));
  }

  @Test
  void jsonReadsBackAsTheSameResult(@TempDir Path repo) throws Exception {
    var result = result(200, step(500, 120, 0), step(1000, 310, 0));

    Path json =
        ReportWriter.write(result, repo.resolve("bench/results"), repo.resolve("docs/b.md"));

    assertThat(new ObjectMapper().readValue(json.toFile(), BenchResult.class)).isEqualTo(result);
    assertThat(Files.readString(json)).contains("\n  \"startedAt\" : ");
  }

  @Test
  void markdownHoldsEveryStepsNumbers(@TempDir Path repo) throws Exception {
    var result = result(200, step(500, 120, 0), step(1000, 310, 3));

    ReportWriter.write(result, repo.resolve("bench/results"), repo.resolve("docs/benchmarks.md"));
    String md = Files.readString(repo.resolve("bench/results/2025-12-02.md"));

    assertThat(md)
        .contains("`./bench run --steps 500,1000`")
        .contains("2 cores, 8.0 GiB memory, Linux 6.8, JDK 21.0.5")
        .contains(
            "| 500 | 60 | 499 | 1 | 29,940 | 0 | 40.0 | 90.0 | 120.0 | 400.0 | 9,000 | 8,990 | 37"
                + " |")
        .contains(
            "| 1,000 | 60 | 1,000 | 1 | 59,997 | 3 | 40.0 | 90.0 | 310.0 | 400.0 | 18,000 | 17,990"
                + " | 37 |")
        .contains("| 1,000 | postgresql | 85.0 | 140.0 | 512 |")
        .contains("| 500 | conversations | 85.0 | 140.0 | 512 |")
        .contains("| RabbitMQ: persistent publish with confirms, consume with acks | 8,000 |")
        .contains("| PostgreSQL: single-row committed inserts | 4,000 |")
        .contains("| 1,000 | 1,000 | 12.5% | 25.0% |")
        .contains("- rabbitmq: PerfTest --quorum-queue")
        .contains("![Latency by rate](2025-12-02-latency.svg)");
  }

  @Test
  void verdictPassesWhenEveryCriterionHolds(@TempDir Path repo) throws Exception {
    var result = result(200, step(500, 120, 0), step(1000, 310, 0), step(1500, 2400, 7));

    String md = writeAndReadSummary(result, repo);

    assertThat(md)
        .contains("### Verdict: PASS")
        .contains("Judged on the 1,000/s step, the fastest step that met every target.")
        .contains("- **PASS** Throughput: 1,000.0 msg/s accepted over 60 s (target ≥ 1,000)")
        .contains("- **PASS** Latency: p99 310.0 ms (target ≤ 500 ms)")
        .contains("- **PASS** Loss: 0 of 60,000 accepted messages")
        .contains("- **PASS** Agents: 200 live sockets")
        .doesNotContain("FALL SHORT");
  }

  @Test
  void verdictFallsShortWhenP99IsOverFiveHundredMilliseconds(@TempDir Path repo) throws Exception {
    var result = result(200, step(500, 120, 0), step(1000, 620, 0));

    String md = writeAndReadSummary(result, repo);

    assertThat(md)
        .contains("### Verdict: FALL SHORT")
        .contains("- **FALL SHORT** Latency: p99 620.0 ms (target ≤ 500 ms)")
        .contains("- **PASS** Loss: 0 of");
  }

  @Test
  void verdictFallsShortWhenAnAcceptedMessageIsLost(@TempDir Path repo) throws Exception {
    var result = result(200, step(500, 120, 0), step(1000, 310, 2));

    String md = writeAndReadSummary(result, repo);

    assertThat(md)
        .contains("### Verdict: FALL SHORT")
        .contains("- **FALL SHORT** Loss: 2 of 60,000 accepted messages never reached an agent")
        .contains("- **PASS** Latency: p99 310.0 ms");
  }

  @Test
  void verdictFallsShortWhenNoStepReachesTheTargetRate(@TempDir Path repo) throws Exception {
    var result = result(200, step(250, 80, 0), step(500, 120, 0));

    String md = writeAndReadSummary(result, repo);

    assertThat(md)
        .contains("### Verdict: FALL SHORT")
        .contains("the fastest step run; none was aimed at 1,000/s")
        .contains("- **FALL SHORT** Throughput: 499.0 msg/s accepted");
  }

  @Test
  void oneRejectedWebhookAtTheTargetRateFallsShortWithoutRoundingUp(@TempDir Path repo)
      throws Exception {
    var full = step(1000, 310, 0);
    var oneRejected =
        new Step(
            1000,
            60,
            60_000,
            59_999,
            1,
            59_999 / 60.0,
            59_999,
            0,
            full.latency(),
            full.repliesRequested(),
            full.repliesDelivered(),
            full.queueDepth(),
            full.processes());
    var result = result(200, step(500, 120, 0), oneRejected, step(1500, 2400, 0));

    String md = writeAndReadSummary(result, repo);

    assertThat(md)
        .contains("### Verdict: FALL SHORT")
        .contains("Judged on the 1,000/s step, the first step aimed at 1,000/s")
        .contains("- **FALL SHORT** Throughput: 999.9 msg/s accepted")
        .contains("- **PASS** Latency: p99 310.0 ms");
  }

  @Test
  void verdictFallsShortWithFewerAgentSocketsThanTheTarget(@TempDir Path repo) throws Exception {
    var result = result(50, step(1000, 310, 0));

    String md = writeAndReadSummary(result, repo);

    assertThat(md).contains("- **FALL SHORT** Agents: 50 live sockets (target 200)");
  }

  @Test
  void docsPageHasTheIntroAndTheSummaryWithChartsLinkedRelatively(@TempDir Path repo)
      throws Exception {
    var result = result(200, step(500, 120, 0), step(1000, 310, 0));
    Files.createDirectories(repo.resolve("docs"));
    Files.writeString(repo.resolve("docs/benchmarks.md"), "old page");

    ReportWriter.write(result, repo.resolve("bench/results"), repo.resolve("docs/benchmarks.md"));
    String page = Files.readString(repo.resolve("docs/benchmarks.md"));

    assertThat(page)
        .startsWith("# Benchmarks\n")
        .contains("./tutti bench")
        .contains("## Latest run: 2025-12-02")
        .contains("### Verdict: PASS")
        .contains("![Latency by rate](../bench/results/2025-12-02-latency.svg)")
        .contains("![Throughput by rate](../bench/results/2025-12-02-throughput.svg)")
        .doesNotContain("old page");
  }

  @Test
  void chartsCarryTheTargetAndRawLimitLines() {
    var result = result(200, step(500, 120, 0), step(1000, 310, 0));

    String latency = ReportWriter.latencyChart(result).render();
    String throughput = ReportWriter.throughputChart(result).render();

    assertThat(latency).contains("p50", "p95", "p99", "target p99 500 ms");
    assertThat(throughput)
        .contains("accepted/s", "delivered/s", "RabbitMQ raw limit", "PostgreSQL raw limit");
  }

  @Test
  void reportWithoutRawLimitsSaysSo(@TempDir Path repo) throws Exception {
    var full = result(200, step(1000, 310, 0));
    var result =
        new BenchResult(
            full.startedAt(),
            full.command(),
            full.machine(),
            full.agents(),
            full.replyShare(),
            null,
            full.steps(),
            null,
            null);

    String md = writeAndReadSummary(result, repo);

    assertThat(md).contains("### Raw limits of this machine\n\nNot measured in this run.");
    assertThat(md).contains("Warm-up: none");
  }

  @Test
  void reportSaysHowTheServicesWereWarmedUp(@TempDir Path repo) throws Exception {
    String md = writeAndReadSummary(result(200, step(1000, 310, 0)), repo);

    assertThat(md)
        .contains(
            "Warm-up: 10 msg/s for 60 s before the first step, not measured (accepted 600,"
                + " delivered 600, p50 120 ms, p99 240 ms)");
  }

  @Test
  void reportSaysWhatTheStoresHeldAfterTheRun(@TempDir Path repo) throws Exception {
    String md = writeAndReadSummary(result(200, step(1000, 310, 0)), repo);

    assertThat(md)
        .contains("### What the stores held afterwards")
        .containsPattern("\\| customer messages stored \\| 59.?999 \\|")
        .containsPattern("\\| agent sockets reopened \\| 1 \\|");
  }

  private static String writeAndReadSummary(BenchResult result, Path repo) throws Exception {
    ReportWriter.write(result, repo.resolve("bench/results"), repo.resolve("docs/benchmarks.md"));
    return Files.readString(repo.resolve("bench/results/2025-12-02.md"));
  }

  private static BenchResult result(int agents, Step... steps) {
    return new BenchResult(
        "2025-12-02T09:30:00Z",
        "./bench run --steps 500,1000",
        new Machine(2, 8L * 1024 * 1024 * 1024, "Linux 6.8", "21.0.5"),
        agents,
        0.3,
        new BenchResult.Warmup(10, 60, 600, 600, new BenchResult.Latency(120, 180, 240, 300)),
        List.of(steps),
        new RawLimits(
            8_000,
            4_000,
            Map.of(
                "rabbitmq", "PerfTest --quorum-queue --confirm 200",
                "postgresql", "8 connections, autocommit")),
        new BenchResult.Integrity(59_999, 59_999, 0, 0, 0, 0, 0, 1, 0));
  }

  /** A step that accepted all but one webhook a minute, at the given p99 and loss. */
  private static Step step(int rate, double p99, long lost) {
    long accepted = rate * 60L;
    return new Step(
        rate,
        60,
        accepted + 1,
        rate == 1000 ? accepted : accepted - 60,
        1,
        rate == 1000 ? 1000 : rate - 1,
        (rate == 1000 ? accepted : accepted - 60) - lost,
        lost,
        new Latency(40, 90, p99, 400),
        rate * 18L,
        rate * 18L - 10,
        List.of(new Sample(0, 3), new Sample(1, 37), new Sample(2, 5)),
        Map.of(
            "conversations", new ProcessUsage(85, 140, 512L * 1024 * 1024),
            "postgresql", new ProcessUsage(85, 140, 512L * 1024 * 1024)));
  }
}
