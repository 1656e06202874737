package io.tutti.bench.pipeline;

import io.tutti.bench.http.JsonHttp;
import io.tutti.bench.http.Waits;
import io.tutti.bench.proc.ProcessSampler;
import io.tutti.bench.raw.PostgresRaw;
import io.tutti.bench.raw.RabbitRaw;
import io.tutti.bench.report.BenchResult;
import io.tutti.bench.report.ReportWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline benchmark ({@code ./tutti bench}): drives the running system from outside as the
 * platforms do, with signed webhooks of every channel from many senders at fixed rates, while
 * agents hold live sockets and a share of them answer; measures for each rate step what was
 * accepted, how long each message took from its webhook's 200 to an agent's socket, what never
 * arrived, the replies the platforms received, the backlog and every process's CPU and memory; then
 * the machine's raw RabbitMQ and PostgreSQL limits; and writes bench/results and
 * docs/benchmarks.md.
 *
 * <pre>
 * PipelineBench [--rates 250,500,1000,2000] [--seconds 60] [--agents 200] [--reply-share 0.05]
 *               [--senders 20000] [--drain 120] [--raw-seconds 20] [--no-raw]
 *               [--warmup 60] [--warmup-rate 10]
 * </pre>
 *
 * <p>Before the first step it sends {@code --warmup} seconds of the same load at {@code
 * --warmup-rate} and waits until all of it is on the sockets: the launcher has just restarted the
 * services, and a JVM's first minute goes to its JIT compilers (on two cores, five services
 * compiling at once left the 20 msg/s step at a p50 of 36 s against 134 ms when warm). The warm-up
 * is reported apart and counts in no step.
 */
public final class PipelineBench {

  private static final int MAX_IN_FLIGHT = 4000;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int[] rates =
        Arrays.stream(options.getOrDefault("rates", "250,500,1000,2000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
    int agentCount = Integer.parseInt(options.getOrDefault("agents", "200"));
    double replyShare = Double.parseDouble(options.getOrDefault("reply-share", "0.05"));
    int senders = Integer.parseInt(options.getOrDefault("senders", "20000"));
    Duration drain = Duration.ofSeconds(Long.parseLong(options.getOrDefault("drain", "120")));
    int rawSeconds = Integer.parseInt(options.getOrDefault("raw-seconds", "20"));
    boolean raw = !options.containsKey("no-raw");
    int warmupSeconds = Integer.parseInt(options.getOrDefault("warmup", "60"));
    int warmupRate = Integer.parseInt(options.getOrDefault("warmup-rate", "10"));

    Env env = Env.system();
    Path root = Path.of(env.get("TUTTI_ROOT", ".")).toAbsolutePath().normalize();
    String gateway = env.get("TUTTI_GATEWAY_URL", "http://127.0.0.1:8080");
    String oidc = env.get("TUTTI_OIDC_URL", "http://127.0.0.1:8180/realms/tutti");
    URI fake = URI.create(env.get("TUTTI_FAKE_PLATFORMS_URL", "http://127.0.0.1:18089"));
    String startedAt = Instant.now().toString();
    long run = Instant.now().getEpochSecond();

    JsonHttp http = new JsonHttp();
    BenchSetup setup =
        new BenchSetup(http, gateway, oidc, env.get("TUTTI_KEYCLOAK_ADMIN_PASSWORD", "admin"));
    say("Preparing workspace '%s' with %d agents", BenchSetup.WORKSPACE, agentCount);
    BenchSetup.World world = setup.prepare(agentCount);
    say(
        "%d inboxes (%s), %d teams",
        world.inboxes().size(),
        String.join(", ", world.inboxes().stream().map(BenchSetup.Inbox::channel).toList()),
        world.teams().size());

    int warmupMessages = warmupSeconds * warmupRate;
    int capacity = warmupMessages + Arrays.stream(rates).map(rate -> rate * seconds).sum();
    Ledger ledger = new Ledger(capacity);
    HttpClient load =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Webhooks webhooks = new Webhooks(world.inboxes(), world.teams(), run, senders);
    LoadDriver driver = new LoadDriver(load, webhooks, ledger, MAX_IN_FLIGHT);
    List<BenchResult.Step> steps = new ArrayList<>();
    BenchResult.Integrity integrity;
    BenchResult.Warmup warmup = null;

    try (FakePlatforms platforms = new FakePlatforms(fake, ledger);
        ProcessSampler sampler = ProcessSampler.start(root);
        QueueProbe probe = new QueueProbe(root, env);
        AgentSockets sockets = new AgentSockets(load, setup, gateway, ledger, run, replyShare)) {
      say("Opening %d agent sockets", agentCount);
      sockets.open(world.agents());
      int firstSeq = 0;
      if (warmupMessages > 0) {
        say("Warm-up: %d msg/s for %d s (not measured)", warmupRate, warmupSeconds);
        int sent = driver.run(0, warmupRate, warmupSeconds);
        driver.awaitAnswers(MAX_IN_FLIGHT);
        awaitDelivery(ledger, 0, sent, drain);
        BenchResult.Step step =
            step(ledger, 0, sent, warmupRate, warmupSeconds, 0, List.of(), Map.of());
        warmup =
            new BenchResult.Warmup(
                warmupRate, warmupSeconds, step.accepted(), step.delivered(), step.latency());
        say(
            "  warm-up: accepted %d, delivered %d, p50 %.0f ms, p99 %.0f ms",
            step.accepted(), step.delivered(), step.latency().p50(), step.latency().p99());
        firstSeq = sent;
      }
      for (int rate : rates) {
        String window = "step-" + rate;
        say("Step %d msg/s for %d s", rate, seconds);
        sampler.mark(window);
        long repliesBefore = ledger.repliesRequested.sum();
        List<BenchResult.Sample> depth = new CopyOnWriteArrayList<>();
        long stepStart = System.nanoTime();
        ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor();
        every.scheduleAtFixedRate(
            () ->
                depth.add(
                    new BenchResult.Sample(
                        (System.nanoTime() - stepStart) / 1e9, probe.sample().queued())),
            0,
            1,
            TimeUnit.SECONDS);
        long rejectedBefore = ledger.rejected.sum();
        int sent = driver.run(firstSeq, rate, seconds);
        driver.awaitAnswers(MAX_IN_FLIGHT);
        awaitDelivery(ledger, firstSeq, sent, drain);
        long requested = ledger.repliesRequested.sum() - repliesBefore;
        awaitReplies(ledger, firstSeq, sent, requested, drain);
        every.shutdownNow();
        BenchResult.Step step =
            step(ledger, firstSeq, sent, rate, seconds, requested, depth, sampler.usage(window));
        steps.add(step);
        say(
            "  accepted %d of %d (%.0f/s), delivered %d, lost %d, p50 %.0f ms, p99 %.0f ms, max"
                + " %.0f ms; replies %d requested, %d delivered; rejected %d",
            step.accepted(),
            step.sent(),
            step.acceptedPerSecond(),
            step.delivered(),
            step.lost(),
            step.latency().p50(),
            step.latency().p99(),
            step.latency().max(),
            step.repliesRequested(),
            step.repliesDelivered(),
            ledger.rejected.sum() - rejectedBefore);
        firstSeq += sent;
      }
      long[] stored = probe.stored(run);
      QueueProbe.Depth after = probe.sample();
      long accepted = 0;
      long repliesTwice = 0;
      for (int seq = 0; seq < firstSeq; seq++) {
        accepted += ledger.acceptedAt.get(seq) != 0 ? 1 : 0;
        repliesTwice += ledger.repliesReceived.get(seq) > 1 ? 1 : 0;
      }
      integrity =
          new BenchResult.Integrity(
              accepted,
              stored[0],
              stored[1],
              repliesTwice,
              after.deadLettered(),
              after.outboxUnpublished(),
              ledger.refreshes.sum(),
              ledger.reconnects.sum(),
              ledger.replyRefusals.sum());
      say(
          "Stored: %d customer messages of this run (%d twice); dead-lettered now %d; outbox"
              + " unpublished %d; socket refreshes %d, reconnects %d; reply refusals %d; other"
              + " platform calls %d",
          stored[0],
          stored[1],
          after.deadLettered(),
          after.outboxUnpublished(),
          ledger.refreshes.sum(),
          ledger.reconnects.sum(),
          ledger.replyRefusals.sum(),
          platforms.otherCalls.sum());
    }

    BenchResult.RawLimits limits = null;
    if (raw) {
      say("Raw limits: RabbitMQ (PerfTest) and PostgreSQL inserts, %d s each", rawSeconds);
      var rabbit =
          RabbitRaw.measure(
              "amqp://"
                  + env.get("TUTTI_RABBITMQ_USER", "guest")
                  + ":"
                  + env.get("TUTTI_RABBITMQ_PASSWORD", "guest")
                  + "@"
                  + env.get("TUTTI_RABBITMQ_HOST", "127.0.0.1")
                  + ":"
                  + env.get("TUTTI_RABBITMQ_PORT", "5672")
                  + "/%2F",
              rawSeconds);
      var postgres = PostgresRaw.measure(env.variables(), rawSeconds);
      Map<String, String> detail = new LinkedHashMap<>();
      detail.put("rabbitmq", rabbit.detail());
      detail.put("postgres", postgres.detail());
      limits = new BenchResult.RawLimits(rabbit.perSecond(), postgres.perSecond(), detail);
    }
    BenchResult result =
        new BenchResult(
            startedAt,
            "./tutti bench " + String.join(" ", args),
            machine(),
            agentCount,
            replyShare,
            warmup,
            steps,
            limits,
            integrity);
    Path json =
        ReportWriter.write(
            result, root.resolve("bench/results"), root.resolve("docs/benchmarks.md"));
    say("Wrote %s and docs/benchmarks.md", root.relativize(json));
    System.exit(0);
  }

  private static BenchResult.Step step(
      Ledger ledger,
      int first,
      int sent,
      int rate,
      int seconds,
      long requested,
      List<BenchResult.Sample> depth,
      Map<String, BenchResult.ProcessUsage> usage) {
    long accepted = 0;
    long delivered = 0;
    long repliesDelivered = 0;
    List<Double> latencies = new ArrayList<>();
    for (int seq = first; seq < first + sent; seq++) {
      long acceptedAt = ledger.acceptedAt.get(seq);
      long seenAt = ledger.seenAt.get(seq);
      if (acceptedAt != 0) {
        accepted++;
        if (seenAt != 0) {
          delivered++;
          // A socket can show a message before its webhook's answer has travelled back.
          latencies.add(Math.max(0, seenAt - acceptedAt) / 1e6);
        }
      }
      if (ledger.repliesReceived.get(seq) > 0) {
        repliesDelivered++;
      }
    }
    double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new BenchResult.Step(
        rate,
        seconds,
        sent,
        accepted,
        sent - accepted,
        accepted / (double) seconds,
        delivered,
        accepted - delivered,
        new BenchResult.Latency(
            percentile(sorted, 50),
            percentile(sorted, 95),
            percentile(sorted, 99),
            sorted.length == 0 ? 0 : sorted[sorted.length - 1]),
        requested,
        repliesDelivered,
        List.copyOf(depth),
        usage);
  }

  static double percentile(double[] sorted, double percent) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }

  /** Until every accepted message of the step was on a socket, or the drain time ran out. */
  private static void awaitDelivery(Ledger ledger, int first, int sent, Duration drain) {
    Waits.until(
        () -> {
          for (int seq = first; seq < first + sent; seq++) {
            if (ledger.acceptedAt.get(seq) != 0 && ledger.seenAt.get(seq) == 0) {
              return false;
            }
          }
          return true;
        },
        drain);
  }

  /**
   * Until the platforms received as many replies as agents asked for, or the drain time ran out.
   */
  private static void awaitReplies(
      Ledger ledger, int first, int sent, long requested, Duration drain) {
    Waits.until(
        () -> {
          long received = 0;
          for (int seq = first; seq < first + sent; seq++) {
            received += ledger.repliesReceived.get(seq) > 0 ? 1 : 0;
          }
          return received >= requested;
        },
        drain);
  }

  private static BenchResult.Machine machine() {
    long memory = 0;
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    return new BenchResult.Machine(
        Runtime.getRuntime().availableProcessors(),
        memory,
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.name") + " " + Runtime.version());
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String name = args[i].substring(2);
      if (name.equals("no-raw")) {
        options.put(name, "true");
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
    }
    return options;
  }

  private static void say(String format, Object... values) {
    System.out.printf("==> " + format + "%n", values);
  }
}
