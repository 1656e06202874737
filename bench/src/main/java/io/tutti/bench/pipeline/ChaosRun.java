package io.tutti.bench.pipeline;

import io.tutti.bench.http.JsonHttp;
import io.tutti.bench.http.Waits;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The chaos run ({@code ./tutti chaos}): a steady load of signed webhooks of every channel, with
 * agents on live sockets answering a share of them, through one fault after another — RabbitMQ
 * restarted, each service killed with SIGKILL and started again, PostgreSQL restarted, a service
 * stopped for a while. The load behaves as the platforms do and sends a webhook again when it got
 * no 200. Afterwards it checks the promise: every webhook answered 200 is in the conversations
 * store exactly once, no reply reached the platform twice, no event is left in an outbox, and the
 * dead-letter queues gained nothing (or it says what they gained). One row per fault: accepted,
 * stored, duplicates, lost, and the recovery time — from the fault until every service is ready
 * again and a message sent after that is on an agent's socket.
 *
 * <pre>
 * ChaosRun [--faults restart:rabbitmq,kill:connectors,...] [--rate 40] [--settle 10]
 *          [--pause 30] [--agents 4] [--reply-share 0.2] [--drain 120]
 * </pre>
 *
 * Faults: {@code restart:rabbitmq}, {@code restart:postgres} (the launcher's {@code ./tutti
 * restart}), {@code kill:<app>} ({@code ./tutti kill} then {@code ./tutti start}), {@code
 * stop:<app>} (stopped gracefully for {@code --pause} seconds, then started).
 */
public final class ChaosRun {

  static final List<String> ALL_FAULTS =
      List.of(
          "restart:rabbitmq",
          "kill:connectors",
          "kill:conversations",
          "kill:profiles",
          "kill:attribution",
          "kill:gateway",
          "restart:postgres",
          "stop:connectors");

  private static final int MAX_IN_FLIGHT = 2000;
  private static final int WEBHOOK_RETRIES = 5;
  private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(180);

  /** An outbox event unpublished this long after its commit is stuck. */
  private static final Duration STUCK_AFTER = Duration.ofSeconds(30);

  private static final List<String> APPS =
      List.of("gateway", "connectors", "conversations", "profiles", "attribution");

  /** What one run asks for. */
  record Options(
      List<String> faults,
      int rate,
      Duration settle,
      Duration pause,
      int agents,
      double replyShare,
      Duration drain) {

    static Options parse(String[] args) {
      Map<String, String> given = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --name value, got " + args[i]);
        }
        given.put(args[i].substring(2), args[++i]);
      }
      List<String> faults =
          given.containsKey("faults") ? List.of(given.remove("faults").split(",")) : ALL_FAULTS;
      faults.forEach(ChaosRun::checkFault);
      Options options =
          new Options(
              faults,
              Integer.parseInt(given.getOrDefault("rate", "40")),
              Duration.ofSeconds(Long.parseLong(given.getOrDefault("settle", "10"))),
              Duration.ofSeconds(Long.parseLong(given.getOrDefault("pause", "30"))),
              Integer.parseInt(given.getOrDefault("agents", "4")),
              Double.parseDouble(given.getOrDefault("reply-share", "0.2")),
              Duration.ofSeconds(Long.parseLong(given.getOrDefault("drain", "120"))));
      for (String name : List.of("rate", "settle", "pause", "agents", "reply-share", "drain")) {
        given.remove(name);
      }
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + given.keySet());
      }
      return options;
    }
  }

  /** One fault's row. */
  record Row(
      String fault,
      long sent,
      long accepted,
      long stored,
      long duplicates,
      long lost,
      long storedWithout200,
      long repliesRequested,
      long repliesDelivered,
      long repliesTwice,
      double recoverySeconds) {}

  /** The whole run: a row per fault, and what was left behind. */
  record Report(
      String startedAt,
      String command,
      List<Row> rows,
      long outboxStuck,
      long queued,
      List<QueueProbe.DeadLetters> newDeadLetters,
      long webhooksResent,
      long replyRefusals) {

    long lost() {
      return rows.stream().mapToLong(Row::lost).sum();
    }

    long duplicates() {
      return rows.stream().mapToLong(Row::duplicates).sum();
    }

    long repliesTwice() {
      return rows.stream().mapToLong(Row::repliesTwice).sum();
    }

    /** Nothing lost, nothing twice, nothing stuck, no new dead letters, every fault recovered. */
    boolean kept() {
      return lost() == 0
          && duplicates() == 0
          && repliesTwice() == 0
          && outboxStuck == 0
          && newDeadLetters.isEmpty()
          && rows.stream().allMatch(row -> row.recoverySeconds() >= 0 && row.accepted() > 0);
    }
  }

  private record Phase(String fault, int firstSeq, int endSeq, double recoverySeconds) {}

  private final Options options;
  private final Env env;
  private final Path root;
  private final String gateway;
  private final HttpClient health =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  ChaosRun(Options options, Env env) {
    this.options = options;
    this.env = env;
    this.root = Path.of(env.get("TUTTI_ROOT", ".")).toAbsolutePath().normalize();
    this.gateway = env.get("TUTTI_GATEWAY_URL", "http://127.0.0.1:8080");
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Report report =
        new ChaosRun(options, Env.system()).run("./tutti chaos " + String.join(" ", args));
    System.out.print(table(report));
    System.exit(report.kept() ? 0 : 1);
  }

  Report run(String command) throws Exception {
    String startedAt = Instant.now().toString();
    long run = Instant.now().getEpochSecond();
    String oidc = env.get("TUTTI_OIDC_URL", "http://127.0.0.1:8180/realms/tutti");
    URI fake = URI.create(env.get("TUTTI_FAKE_PLATFORMS_URL", "http://127.0.0.1:18089"));
    BenchSetup setup =
        new BenchSetup(
            new JsonHttp(), gateway, oidc, env.get("TUTTI_KEYCLOAK_ADMIN_PASSWORD", "admin"));
    say("Preparing workspace '%s' with %d agents", BenchSetup.WORKSPACE, options.agents());
    BenchSetup.World world = setup.prepare(options.agents());

    // Room for the whole run at the rate, however long the recoveries take.
    Ledger ledger = new Ledger(options.rate() * 3600);
    HttpClient load =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Webhooks webhooks = new Webhooks(world.inboxes(), world.teams(), run, 2000);
    LoadDriver driver = new LoadDriver(load, webhooks, ledger, MAX_IN_FLIGHT, WEBHOOK_RETRIES);
    ExecutorService loadThread =
        Executors.newSingleThreadExecutor(task -> new Thread(task, "chaos-load"));
    List<Phase> phases = new ArrayList<>();
    try (FakePlatforms platforms = new FakePlatforms(fake, ledger);
        QueueProbe probe = new QueueProbe(root, env);
        AgentSockets sockets =
            new AgentSockets(load, setup, gateway, ledger, run, options.replyShare())) {
      Map<String, Long> deadBefore = probe.deadLetterCounts();
      sockets.open(world.agents());
      // A thread of its own: the pacing loop parks between sends for the whole run, and on the
      // common
      // pool (one worker on two cores) it starved the HTTP client's answers, which then all timed
      // out.
      CompletableFuture<Integer> steady =
          CompletableFuture.supplyAsync(() -> driver.run(0, options.rate(), 3600), loadThread);
      sleep(options.settle());
      for (String fault : options.faults()) {
        phases.add(phase(fault, driver, ledger));
      }
      driver.stop();
      steady.join();
      driver.awaitAnswers(MAX_IN_FLIGHT);
      int sent = driver.nextSeq();
      say("Load stopped after %d webhooks; waiting for the pipeline to drain", sent);
      Waits.until(() -> drained(probe, ledger, run, sent), options.drain());
      Map<Integer, Integer> stored = probe.storedBySeq(run);
      QueueProbe.Depth left = probe.sample();
      List<Row> rows = new ArrayList<>();
      for (Phase phase : phases) {
        rows.add(row(phase, ledger, stored));
      }
      return new Report(
          startedAt,
          command,
          rows,
          probe.outboxStuck(STUCK_AFTER),
          left.queued(),
          probe.deadLettersSince(deadBefore),
          ledger.resent.sum(),
          ledger.replyRefusals.sum());
    } finally {
      driver.close();
      loadThread.shutdownNow();
    }
  }

  /** One fault under load: steady before, the fault, its recovery, steady after. */
  private Phase phase(String fault, LoadDriver driver, Ledger ledger) throws Exception {
    int first = driver.nextSeq();
    say("Fault %s", fault);
    long injected = System.nanoTime();
    inject(fault);
    Waits.until(this::everyAppReady, RECOVERY_LIMIT);
    long ready = System.nanoTime();
    int probeFrom = driver.nextSeq();
    double recovery = -1;
    if (Waits.until(() -> seenFrom(ledger, probeFrom, driver.nextSeq()) >= 0, RECOVERY_LIMIT)) {
      long seenAt = ledger.seenAt.get(seenFrom(ledger, probeFrom, driver.nextSeq()));
      recovery = (Math.max(seenAt, ready) - injected) / 1e9;
    }
    say(
        "  recovered in %.1f s; webhooks so far: %d sent, %s",
        recovery,
        driver.nextSeq(),
        ledger.answers.entrySet().stream()
            .map(e -> e.getKey() + " × " + e.getValue().sum())
            .toList());
    sleep(options.settle());
    return new Phase(fault, first, driver.nextSeq(), recovery);
  }

  private void inject(String fault) throws Exception {
    String[] parts = fault.split(":", 2);
    switch (parts[0]) {
      case "restart" -> launcher("restart", parts[1]);
      case "kill" -> {
        launcher("kill", parts[1]);
        launcher("start", parts[1]);
      }
      case "stop" -> {
        launcher("stop", parts[1]);
        sleep(options.pause());
        launcher("start", parts[1]);
      }
      default -> throw new IllegalArgumentException("unknown fault " + fault);
    }
  }

  static void checkFault(String fault) {
    String[] parts = fault.split(":", 2);
    boolean known =
        parts.length == 2
            && switch (parts[0]) {
              case "restart" -> parts[1].equals("rabbitmq") || parts[1].equals("postgres");
              case "kill", "stop" -> APPS.contains(parts[1]);
              default -> false;
            };
    if (!known) {
      throw new IllegalArgumentException(
          "unknown fault "
              + fault
              + " (restart:rabbitmq, restart:postgres, kill:<app>, stop:<app>; apps: "
              + String.join(", ", APPS)
              + ")");
    }
  }

  /** The launcher of this checkout, which must succeed; its output goes to the chaos log. */
  private void launcher(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(root.resolve("tutti").toString()));
    command.addAll(List.of(arguments));
    File log = root.resolve(".tutti/logs/chaos-launcher.log").toFile();
    log.getParentFile().mkdirs();
    Process process =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
    if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "./tutti "
              + String.join(" ", arguments)
              + " failed; see "
              + root.relativize(log.toPath()));
    }
  }

  private boolean everyAppReady() {
    for (String app : APPS) {
      String url =
          app.equals("gateway")
              ? gateway
              : env.get(
                  "TUTTI_" + app.toUpperCase() + "_URL",
                  "http://127.0.0.1:" + (8081 + APPS.indexOf(app) - 1));
      try {
        HttpResponse<Void> answer =
            health.send(
                HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() != 200) {
          return false;
        }
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** The first message from {@code from} on that is on a socket; -1 while there is none. */
  private static int seenFrom(Ledger ledger, int from, int to) {
    for (int seq = from; seq < to; seq++) {
      if (ledger.seenAt.get(seq) != 0) {
        return seq;
      }
    }
    return -1;
  }

  /** Every accepted message stored, every accepted reply delivered, no outbox or queue backlog. */
  private static boolean drained(QueueProbe probe, Ledger ledger, long run, int sent) {
    Map<Integer, Integer> stored = probe.storedBySeq(run);
    for (int seq = 0; seq < sent; seq++) {
      if (ledger.acceptedAt.get(seq) != 0 && !stored.containsKey(seq)) {
        return false;
      }
      if (ledger.replyAccepted.get(seq) != 0 && ledger.repliesReceived.get(seq) == 0) {
        return false;
      }
    }
    QueueProbe.Depth depth = probe.sample();
    return depth.outboxUnpublished() == 0 && depth.queued() == 0;
  }

  private static Row row(Phase phase, Ledger ledger, Map<Integer, Integer> stored) {
    long accepted = 0;
    long kept = 0;
    long duplicates = 0;
    long lost = 0;
    long unanswered = 0;
    long requested = 0;
    long delivered = 0;
    long twice = 0;
    for (int seq = phase.firstSeq(); seq < phase.endSeq(); seq++) {
      int copies = stored.getOrDefault(seq, 0);
      if (copies > 1) {
        duplicates++;
      }
      if (ledger.acceptedAt.get(seq) != 0) {
        accepted++;
        if (copies > 0) {
          kept++;
        } else {
          lost++;
        }
      } else if (copies > 0) {
        unanswered++;
      }
      if (ledger.replyAccepted.get(seq) != 0) {
        requested++;
        long received = ledger.repliesReceived.get(seq);
        delivered += received > 0 ? 1 : 0;
        twice += received > 1 ? 1 : 0;
      }
    }
    return new Row(
        phase.fault(),
        phase.endSeq() - phase.firstSeq(),
        accepted,
        kept,
        duplicates,
        lost,
        unanswered,
        requested,
        delivered,
        twice,
        phase.recoverySeconds());
  }

  /** The report as the table the run prints, and what was left behind. */
  static String table(Report report) {
    StringBuilder out = new StringBuilder();
    out.append(
        "\n| fault | sent | accepted | stored | duplicates | lost | stored without 200 | replies"
            + " requested | replies delivered | replies twice | recovery |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : report.rows()) {
      out.append(
          "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s |\n"
              .formatted(
                  row.fault(),
                  row.sent(),
                  row.accepted(),
                  row.stored(),
                  row.duplicates(),
                  row.lost(),
                  row.storedWithout200(),
                  row.repliesRequested(),
                  row.repliesDelivered(),
                  row.repliesTwice(),
                  row.recoverySeconds() < 0
                      ? "not recovered"
                      : "%.1f s".formatted(row.recoverySeconds())));
    }
    out.append(
        ("\nOutbox events unpublished for over %d s: %d; queued: %d; webhooks sent again by the"
                + " load: %d; reply refusals: %d%n")
            .formatted(
                STUCK_AFTER.toSeconds(),
                report.outboxStuck(),
                report.queued(),
                report.webhooksResent(),
                report.replyRefusals()));
    if (report.newDeadLetters().isEmpty()) {
      out.append("Dead-letter queues: nothing new\n");
    } else {
      for (QueueProbe.DeadLetters dead : report.newDeadLetters()) {
        out.append(
            "Dead-lettered in %s: %d (first: %s)%n"
                .formatted(dead.queue(), dead.count(), dead.first()));
      }
    }
    out.append(report.kept() ? "Kept: nothing lost, nothing twice\n" : "NOT KEPT\n");
    return out.toString();
  }

  /** Steady load for a while: the run's clock, not a wait for a condition. */
  private static void sleep(Duration duration) throws InterruptedException {
    TimeUnit.MILLISECONDS.sleep(duration.toMillis());
  }

  private static void say(String format, Object... values) {
    System.out.printf("==> " + format + "%n", values);
  }
}
