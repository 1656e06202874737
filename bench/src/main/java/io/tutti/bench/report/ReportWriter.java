package io.tutti.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tutti.bench.report.BenchResult.Latency;
import io.tutti.bench.report.BenchResult.ProcessUsage;
import io.tutti.bench.report.BenchResult.Step;
import io.tutti.bench.report.SvgChart.Point;
import io.tutti.bench.report.SvgChart.ReferenceLine;
import io.tutti.bench.report.SvgChart.Series;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Turns one {@link BenchResult} into the files a reader looks at: the raw JSON (for comparing runs
 * later), a Markdown summary with a plain verdict against the pipeline's targets, two SVG charts,
 * and docs/benchmarks.md, which always shows the latest run. All of it is derived from the result
 * alone, so a report can be rewritten from an old JSON file.
 */
public final class ReportWriter {

  /** Where results go, relative to the repository root. */
  public static final Path DEFAULT_RESULTS_DIR = Path.of("bench", "results");

  /** The page that shows the latest run, relative to the repository root. */
  public static final Path DEFAULT_DOCS_FILE = Path.of("docs", "benchmarks.md");

  /** Sustained webhooks a second the pipeline must accept. */
  static final double TARGET_RATE = 1_000;

  /** Webhook 200 → agent's socket, at the 99th percentile, in milliseconds. */
  static final double TARGET_P99_MS = 500;

  /** Live agent sockets the target holds with. */
  static final int TARGET_AGENTS = 200;

  private static final String DOCS_TEMPLATE =
      """
      # Benchmarks

      The pipeline benchmark drives the whole system the way customers and agents do: a load \
      generator posts channel webhooks to the gateway at fixed rates, one step after another, while \
      %d agent sockets stay open and agents answer a share of the messages they receive. For every \
      step it records how many webhooks were accepted, how long each took from the webhook's 200 to \
      the event on an agent's socket, whether any accepted message never arrived, whether replies \
      reached the (fake) platform API, how deep the queues grew, and the CPU and memory of every \
      process. In the same run it measures the machine's raw limits (RabbitMQ with PerfTest, \
      PostgreSQL single-row inserts), so Tutti's figures can be read against what the hardware \
      allows.

      Run it against a system started by the launcher:

      ```
      ./tutti bench
      ```

      Each run writes `bench/results/<date>.json` (everything measured), `<date>.md` (the summary \
      below) and two charts, and rewrites this page with the latest summary.

      %s\
      """;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private ReportWriter() {}

  /**
   * Writes {@code <date>.json}, {@code <date>.md}, {@code <date>-latency.svg} and {@code
   * <date>-throughput.svg} into {@code resultsDir} (created if missing), and rewrites {@code
   * docsFile} with the same summary, its charts linked by relative path.
   *
   * @return the JSON file
   */
  public static Path write(BenchResult result, Path resultsDir, Path docsFile) {
    try {
      Files.createDirectories(resultsDir);
      String date = runDate(result).toString();
      Path json = resultsDir.resolve(date + ".json");
      Path markdown = resultsDir.resolve(date + ".md");
      Path latencyChart = resultsDir.resolve(date + "-latency.svg");
      Path throughputChart = resultsDir.resolve(date + "-throughput.svg");

      JSON.writeValue(json.toFile(), result);
      latencyChart(result).writeTo(latencyChart);
      throughputChart(result).writeTo(throughputChart);

      String heading = "# Pipeline benchmark\n\n";
      Files.writeString(
          markdown,
          heading
              + summary(
                  result, linkFrom(markdown, latencyChart), linkFrom(markdown, throughputChart)),
          StandardCharsets.UTF_8);

      Path docsDir = docsFile.toAbsolutePath().getParent();
      Files.createDirectories(docsDir);
      String latest =
          summary(result, linkFrom(docsFile, latencyChart), linkFrom(docsFile, throughputChart));
      Files.writeString(
          docsFile,
          DOCS_TEMPLATE.formatted(
              result.agents(), latest.replaceFirst("^## Run of ", "## Latest run: ")),
          StandardCharsets.UTF_8);
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the benchmark report", e);
    }
  }

  /** The day the run started, in the offset it was recorded with; today if it cannot be read. */
  static LocalDate runDate(BenchResult result) {
    if (result.startedAt() == null) {
      return LocalDate.now(ZoneOffset.UTC);
    }
    try {
      return OffsetDateTime.parse(result.startedAt()).toLocalDate();
    } catch (DateTimeParseException e) {
      return LocalDate.now(ZoneOffset.UTC);
    }
  }

  /**
   * The Markdown summary: what ran where, a table per concern, the raw limits and the verdict.
   * Starts at heading level 2 so it can sit under a page's own title.
   */
  static String summary(BenchResult result, String latencyChart, String throughputChart) {
    var md = new StringBuilder();
    md.append("## Run of ").append(runDate(result)).append("\n\n");
    md.append("Started ").append(orDash(result.startedAt())).append(".  \n");
    md.append("Command: `").append(orDash(result.command())).append("`  \n");
    md.append("Machine: ").append(machine(result.machine())).append("  \n");
    md.append(
        "Agents: %d live sockets; agents answered %s of the messages delivered to them.\n"
            .formatted(result.agents(), percent(result.replyShare() * 100)));
    BenchResult.Warmup warmup = result.warmup();
    md.append(
        warmup == null
            ? "Warm-up: none; the first step ran on services just started.\n\n"
            : ("Warm-up: %d msg/s for %d s before the first step, not measured (accepted %d,"
                    + " delivered %d, p50 %s ms, p99 %s ms): the services had just been started,"
                    + " and a JVM's first minute goes to its JIT compilers.\n\n")
                .formatted(
                    warmup.rate(),
                    warmup.seconds(),
                    warmup.accepted(),
                    warmup.delivered(),
                    Math.round(warmup.latency().p50()),
                    Math.round(warmup.latency().p99())));

    appendVerdict(md, result);
    appendSteps(md, steps(result));
    md.append("![Latency by rate](").append(latencyChart).append(")\n\n");
    md.append("![Throughput by rate](").append(throughputChart).append(")\n\n");
    appendIntegrity(md, result);
    appendRawLimits(md, result);
    appendProcesses(md, steps(result));
    return md.toString();
  }

  private static void appendVerdict(StringBuilder md, BenchResult result) {
    var verdict = Verdict.of(result);
    md.append("### Verdict: ").append(verdict.passed() ? "PASS" : "FALL SHORT").append("\n\n");
    md.append(
        "Target: ≥ %s msg/s sustained with p99 ≤ %s ms and zero loss, with %d agent sockets. %s\n\n"
            .formatted(
                count(TARGET_RATE), count(TARGET_P99_MS), TARGET_AGENTS, verdict.judgedStep()));
    for (var criterion : verdict.criteria()) {
      md.append("- **")
          .append(criterion.passed() ? "PASS" : "FALL SHORT")
          .append("** ")
          .append(criterion.text())
          .append('\n');
    }
    md.append('\n');
  }

  private static void appendSteps(StringBuilder md, List<Step> steps) {
    md.append("### Rate steps\n\n");
    md.append(
        "| target/s | seconds | accepted/s | rejected | delivered | lost | p50 ms | p95 ms | p99 ms"
            + " | max ms | replies requested | replies delivered | max queue depth |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (var step : steps) {
      var latency = step.latency();
      md.append(
          "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n"
              .formatted(
                  count(step.targetRate()),
                  step.seconds(),
                  rate(step.acceptedPerSecond()),
                  count(step.rejected()),
                  count(step.delivered()),
                  count(step.lost()),
                  millis(latency, Latency::p50),
                  millis(latency, Latency::p95),
                  millis(latency, Latency::p99),
                  millis(latency, Latency::max),
                  count(step.repliesRequested()),
                  count(step.repliesDelivered()),
                  maxQueueDepth(step)));
    }
    md.append('\n');
  }

  private static void appendIntegrity(StringBuilder md, BenchResult result) {
    var integrity = result.integrity();
    if (integrity == null) {
      return;
    }
    md.append("### What the stores held afterwards\n\n");
    md.append("| check | count |\n|---|---:|\n");
    md.append("| webhooks accepted (200) | %s |\n".formatted(count(integrity.accepted())));
    md.append("| customer messages stored | %s |\n".formatted(count(integrity.stored())));
    md.append("| stored twice | %s |\n".formatted(count(integrity.storedTwice())));
    md.append(
        "| replies the platform received twice | %s |\n"
            .formatted(count(integrity.repliesDeliveredTwice())));
    md.append("| in dead-letter queues | %s |\n".formatted(count(integrity.deadLettered())));
    md.append(
        "| outbox events not yet published | %s |\n"
            .formatted(count(integrity.outboxUnpublished())));
    md.append("| agent socket refreshes | %s |\n".formatted(count(integrity.socketRefreshes())));
    md.append("| agent sockets reopened | %s |\n".formatted(count(integrity.socketReconnects())));
    md.append(
        "| replies refused by the API | %s |\n\n".formatted(count(integrity.replyRefusals())));
  }

  private static void appendRawLimits(StringBuilder md, BenchResult result) {
    md.append("### Raw limits of this machine\n\n");
    var raw = result.raw();
    if (raw == null) {
      md.append("Not measured in this run.\n\n");
      return;
    }
    md.append("| limit | per second |\n|---|---:|\n");
    md.append(
        "| RabbitMQ: persistent publish with confirms, consume with acks | %s |\n"
            .formatted(rate(raw.rabbitmqMessagesPerSecond())));
    md.append(
        "| PostgreSQL: single-row committed inserts | %s |\n\n"
            .formatted(rate(raw.postgresInsertsPerSecond())));
    if (raw.detail() != null && !raw.detail().isEmpty()) {
      new TreeMap<>(raw.detail())
          .forEach(
              (name, how) -> md.append("- ").append(name).append(": ").append(how).append('\n'));
      md.append('\n');
    }
    md.append("Tutti's accepted rate as a share of each raw limit:\n\n");
    md.append("| target/s | accepted/s | of RabbitMQ's limit | of PostgreSQL's limit |\n");
    md.append("|---:|---:|---:|---:|\n");
    for (var step : steps(result)) {
      md.append(
          "| %s | %s | %s | %s |\n"
              .formatted(
                  count(step.targetRate()),
                  rate(step.acceptedPerSecond()),
                  shareOf(step.acceptedPerSecond(), raw.rabbitmqMessagesPerSecond()),
                  shareOf(step.acceptedPerSecond(), raw.postgresInsertsPerSecond())));
    }
    md.append('\n');
  }

  private static void appendProcesses(StringBuilder md, List<Step> steps) {
    md.append("### CPU and memory by process\n\n");
    md.append("CPU: 100% is one core busy; max is the busiest one-second sample.\n\n");
    md.append("| target/s | process | CPU avg % | CPU max % | RSS max MiB |\n");
    md.append("|---:|---|---:|---:|---:|\n");
    for (var step : steps) {
      var processes = step.processes() == null ? Map.<String, ProcessUsage>of() : step.processes();
      new TreeMap<>(processes)
          .forEach(
              (name, usage) ->
                  md.append(
                      "| %s | %s | %s | %s | %s |\n"
                          .formatted(
                              count(step.targetRate()),
                              name,
                              percentNumber(usage.cpuPercentAverage()),
                              percentNumber(usage.cpuPercentMax()),
                              mebibytes(usage.rssBytesMax()))));
    }
    md.append('\n');
  }

  /** p50, p95 and p99 against the target rate, on a log axis, with the p99 target drawn in. */
  static SvgChart latencyChart(BenchResult result) {
    var steps = steps(result);
    return new SvgChart(
        "Webhook accepted → message on an agent's socket",
        "target rate (webhooks/s)",
        "latency (ms)",
        true,
        List.of(
            latencySeries("p50", steps, Latency::p50),
            latencySeries("p95", steps, Latency::p95),
            latencySeries("p99", steps, Latency::p99)),
        List.of(new ReferenceLine("target p99 " + count(TARGET_P99_MS) + " ms", TARGET_P99_MS)));
  }

  /**
   * Accepted and delivered per second against the target rate, with the machine's raw limits drawn
   * in. A log axis when a limit is over four times what Tutti reached, so the curves stay readable.
   */
  static SvgChart throughputChart(BenchResult result) {
    var steps = steps(result);
    var target = new ArrayList<Point>();
    var accepted = new ArrayList<Point>();
    var delivered = new ArrayList<Point>();
    for (var step : steps) {
      target.add(new Point(step.targetRate(), step.targetRate()));
      accepted.add(new Point(step.targetRate(), step.acceptedPerSecond()));
      delivered.add(new Point(step.targetRate(), deliveredPerSecond(step)));
    }
    var references = new ArrayList<ReferenceLine>();
    var raw = result.raw();
    if (raw != null && raw.rabbitmqMessagesPerSecond() > 0) {
      references.add(
          new ReferenceLine(
              "RabbitMQ raw limit " + rate(raw.rabbitmqMessagesPerSecond()) + "/s",
              raw.rabbitmqMessagesPerSecond()));
    }
    if (raw != null && raw.postgresInsertsPerSecond() > 0) {
      references.add(
          new ReferenceLine(
              "PostgreSQL raw limit " + rate(raw.postgresInsertsPerSecond()) + "/s",
              raw.postgresInsertsPerSecond()));
    }
    double highestStep =
        steps.stream()
            .mapToDouble(s -> Math.max(s.targetRate(), s.acceptedPerSecond()))
            .max()
            .orElse(1);
    double highestLimit = references.stream().mapToDouble(ReferenceLine::y).max().orElse(0);
    return new SvgChart(
        "Throughput by target rate",
        "target rate (webhooks/s)",
        "messages/s",
        highestLimit > 4 * highestStep,
        List.of(
            new Series("target", target),
            new Series("accepted/s", accepted),
            new Series("delivered/s", delivered)),
        references);
  }

  private static Series latencySeries(String name, List<Step> steps, ToDoubleFunction<Latency> of) {
    var points = new ArrayList<Point>();
    for (var step : steps) {
      if (step.latency() != null) {
        points.add(new Point(step.targetRate(), of.applyAsDouble(step.latency())));
      }
    }
    return new Series(name, points);
  }

  static double deliveredPerSecond(Step step) {
    return step.seconds() > 0 ? (double) step.delivered() / step.seconds() : 0;
  }

  private static List<Step> steps(BenchResult result) {
    return result.steps() == null ? List.of() : result.steps();
  }

  private static String linkFrom(Path page, Path target) {
    Path from = page.toAbsolutePath().normalize().getParent();
    return from.relativize(target.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  private static String machine(BenchResult.Machine machine) {
    if (machine == null) {
      return "–";
    }
    return "%d cores, %s GiB memory, %s, JDK %s"
        .formatted(
            machine.cores(),
            String.format(Locale.ROOT, "%.1f", machine.memoryBytes() / (1024.0 * 1024 * 1024)),
            orDash(machine.os()),
            orDash(machine.jdk()));
  }

  private static String maxQueueDepth(Step step) {
    if (step.queueDepth() == null || step.queueDepth().isEmpty()) {
      return "–";
    }
    return count(step.queueDepth().stream().mapToDouble(BenchResult.Sample::value).max().orElse(0));
  }

  private static String millis(Latency latency, ToDoubleFunction<Latency> of) {
    return latency == null ? "–" : String.format(Locale.ROOT, "%,.1f", of.applyAsDouble(latency));
  }

  static String count(double value) {
    return String.format(Locale.ROOT, "%,d", Math.round(value));
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, perSecond >= 100 ? "%,.0f" : "%,.1f", perSecond);
  }

  /** For a figure held against a threshold: 999.98 must not read as 1,000.0. */
  private static String rateRoundedDown(double perSecond) {
    return String.format(Locale.ROOT, "%,.1f", Math.floor(perSecond * 10) / 10);
  }

  private static String percent(double value) {
    return percentNumber(value) + "%";
  }

  private static String percentNumber(double value) {
    return String.format(Locale.ROOT, "%,.1f", value);
  }

  private static String shareOf(double part, double whole) {
    return whole > 0 ? percent(100 * part / whole) : "–";
  }

  private static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%,.0f", bytes / (1024.0 * 1024));
  }

  private static String orDash(String text) {
    return text == null || text.isBlank() ? "–" : text;
  }

  /** One line of the verdict. */
  record Criterion(boolean passed, String text) {}

  /**
   * The run against the targets. The target asks whether the pipeline holds its latency and loses
   * nothing <em>at</em> 1,000 msg/s, not at every faster step tried after it, so the run passes
   * when one step shows all of it, and the verdict quotes the fastest such step. When none does, it
   * quotes the first step aimed at the target rate (where it started to fall short), or, if no step
   * was aimed that high, the fastest one.
   */
  record Verdict(String judgedStep, List<Criterion> criteria) {

    boolean passed() {
      return criteria.stream().allMatch(Criterion::passed);
    }

    private static boolean meetsEveryStepTarget(Step step) {
      return step.acceptedPerSecond() >= TARGET_RATE
          && step.latency() != null
          && step.latency().p99() <= TARGET_P99_MS
          && step.accepted() > 0
          && step.lost() == 0;
    }

    static Verdict of(BenchResult result) {
      var steps = steps(result);
      var criteria = new ArrayList<Criterion>();
      var meetingAll =
          steps.stream()
              .filter(Verdict::meetsEveryStepTarget)
              .max(Comparator.comparingDouble(Step::acceptedPerSecond));
      var firstAimedAtTarget =
          steps.stream()
              .filter(s -> s.targetRate() >= TARGET_RATE)
              .min(Comparator.comparingInt(Step::targetRate));
      var fastest = steps.stream().max(Comparator.comparingDouble(Step::acceptedPerSecond));
      if (fastest.isEmpty()) {
        criteria.add(new Criterion(false, "No rate step ran."));
        return new Verdict("", criteria);
      }
      var step = meetingAll.or(() -> firstAimedAtTarget).orElseGet(fastest::get);
      String why =
          meetingAll.isPresent()
              ? "the fastest step that met every target"
              : firstAimedAtTarget.isPresent()
                  ? "the first step aimed at " + count(TARGET_RATE) + "/s; no step met every target"
                  : "the fastest step run; none was aimed at " + count(TARGET_RATE) + "/s";
      String which = "Judged on the %s/s step, %s.".formatted(count(step.targetRate()), why);

      criteria.add(
          new Criterion(
              step.acceptedPerSecond() >= TARGET_RATE,
              "Throughput: %s msg/s accepted over %d s (target ≥ %s), %s/s delivered."
                  .formatted(
                      rateRoundedDown(step.acceptedPerSecond()),
                      step.seconds(),
                      count(TARGET_RATE),
                      rate(deliveredPerSecond(step)))));
      var latency = step.latency();
      criteria.add(
          latency == null
              ? new Criterion(false, "Latency: no message was delivered, so there is no p99.")
              : new Criterion(
                  latency.p99() <= TARGET_P99_MS,
                  "Latency: p99 %s ms (target ≤ %s ms); p50 %s ms, max %s ms."
                      .formatted(
                          millis(latency, Latency::p99),
                          count(TARGET_P99_MS),
                          millis(latency, Latency::p50),
                          millis(latency, Latency::max))));
      criteria.add(
          new Criterion(
              step.lost() == 0 && step.accepted() > 0,
              "Loss: %s of %s accepted messages never reached an agent (target 0)."
                  .formatted(count(step.lost()), count(step.accepted()))));
      criteria.add(
          new Criterion(
              result.agents() >= TARGET_AGENTS,
              "Agents: %d live sockets (target %d).".formatted(result.agents(), TARGET_AGENTS)));
      return new Verdict(which, criteria);
    }
  }
}
