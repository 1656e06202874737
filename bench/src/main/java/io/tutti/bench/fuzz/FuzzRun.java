package io.tutti.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.bench.http.JsonHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a seed's fuzz cases at the running system through the gateway and reports what came back
 * ({@link FuzzReport}).
 *
 * <p>Cases go out on lanes: webhooks with bounded concurrency and no pacing (the gateway allows
 * 10,000 a second per address), {@code /track} paced under the public limit per address (100 a
 * second), and the API split over several bearer tokens of the admin, each paced under the API
 * limit per token (50 a second, burst 200). A 429 is counted apart: that case was not tested.
 *
 * <p>Memory is measured three times: before the first case, after the warm-up share (the first
 * fifth of the cases: class loading, JIT, connection pools and caches fill up), and at the end,
 * each time right after a full GC in every service. The criterion compares the end with the warm-up
 * point, so growth that stops is not mistaken for a leak.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/cp.txt) io.tutti.bench.fuzz.FuzzRun \
 *     --seed 42 --cases 10000 --repo /path/to/checkout     # a run
 * ... FuzzRun --seed 42 --case 1234                         # one case again, with its answer
 * </pre>
 */
public final class FuzzRun {

  /**
   * Everything a run can be told; {@link #defaults} are what the issue asks for on two cores.
   *
   * @param repoRoot the checkout whose {@code .tutti/pids} and {@code .tutti/logs} are the running
   *     system's
   * @param tokens bearer tokens of the admin the API share is spread over
   * @param apiPerSecondPerToken the pace of each token's share, under the gateway's 50/s
   * @param apiConcurrencyPerToken API requests in flight per token
   * @param publicPerSecond the pace of {@code /track}, under the public limit of 100/s
   * @param webhookConcurrency webhooks in flight (not paced)
   * @param warmupShare the first cases, after which the memory baseline is taken
   * @param settle the wait after the last answer, for the consumers, before the last measurement
   * @param maxHeapGrowthBytes the memory criterion
   * @param requestTimeout how long one case may take to be answered
   */
  public record Options(
      Path repoRoot,
      int tokens,
      double apiPerSecondPerToken,
      int apiConcurrencyPerToken,
      double publicPerSecond,
      int webhookConcurrency,
      double warmupShare,
      Duration settle,
      long maxHeapGrowthBytes,
      Duration requestTimeout) {

    public static Options defaults(Path repoRoot) {
      return new Options(
          repoRoot, 3, 45, 4, 80, 8, 0.2, Duration.ofSeconds(5), 32L << 20, Duration.ofSeconds(30));
    }
  }

  private final Routes routes;
  private final Options options;
  private final JsonHttp http = new JsonHttp();
  private final HttpClient client = http.client();
  private final Recorder recorder = new Recorder();
  private List<String> tokens = List.of();

  private FuzzRun(Routes routes, Options options) {
    this.routes = routes;
    this.options = options;
  }

  /** A whole run with the default options, the checkout being the working directory. */
  public static FuzzReport run(URI gateway, Credentials credentials, long seed, int cases) {
    return run(Routes.gateway(gateway), credentials, seed, cases, Options.defaults(Path.of(".")));
  }

  public static FuzzReport run(
      Routes routes, Credentials credentials, long seed, int cases, Options options) {
    return new FuzzRun(routes, options).all(credentials, seed, cases);
  }

  private FuzzReport all(Credentials credentials, long seed, int cases) {
    signIn(credentials);
    FuzzSetup setup = new FuzzSetup(http, routes, Duration.ofSeconds(30));
    FuzzTargets targets = setup.prepare(tokens.getFirst());
    FuzzGenerator generator = new FuzzGenerator(seed, targets);
    Path tutti = options.repoRoot().resolve(".tutti");
    ServiceMemory memory = new ServiceMemory(tutti.resolve("pids"));
    Map<String, ServiceMemory.Sample> before = memory.sample(true);
    LogWatch logs = new LogWatch(tutti.resolve("logs")).start();
    int warmup = (int) Math.round(cases * options.warmupShare());
    long started = System.nanoTime();
    send(generator, seed, 0, warmup);
    Duration warmupTime = Duration.ofNanos(System.nanoTime() - started);
    Map<String, ServiceMemory.Sample> warm = memory.sample(true);
    long resumed = System.nanoTime();
    send(generator, seed, warmup, cases);
    Duration duration = warmupTime.plusNanos(System.nanoTime() - resumed);
    // Let the consumers finish the accepted messages before the last measurement.
    LockSupport.parkNanos(options.settle().toNanos());
    Map<String, ServiceMemory.Sample> after = memory.sample(true);
    int cleanedUp = cleanUp();
    return new FuzzReport(
        seed,
        cases,
        duration,
        recorder.categories(),
        List.copyOf(recorder.failures),
        List.copyOf(recorder.platformUnavailable),
        List.copyOf(recorder.unauthenticated),
        List.copyOf(recorder.notSent),
        memory(before, warm, after),
        logs.errorsSince(),
        options.maxHeapGrowthBytes(),
        cleanedUp,
        recorder.leftBehind,
        notes(setup));
  }

  private List<String> notes(FuzzSetup setup) {
    List<String> notes = new ArrayList<>(setup.notes());
    if (recorder.staleRetries > 0) {
      notes.add(
          recorder.staleRetries
              + " cases met a kept-alive connection the server had closed and were sent again"
              + " once");
    }
    if (routes.connectors() != null) {
      notes.add(
          "connectors' paths (webhooks, inboxes) were sent straight to "
              + routes.connectors()
              + ", not through the gateway");
    }
    return notes;
  }

  private void signIn(Credentials credentials) {
    List<String> issued = new ArrayList<>();
    for (int i = 0; i < options.tokens(); i++) {
      issued.add(FuzzSetup.token(http, credentials));
    }
    tokens = List.copyOf(issued);
  }

  /** Cases {@code from … to-1}, every lane at once; returns when all are answered. */
  private void send(FuzzGenerator generator, long seed, int from, int to) {
    Map<String, List<Integer>> lanes = new LinkedHashMap<>();
    int api = 0;
    for (int index = from; index < to; index++) {
      Category category = FuzzGenerator.categoryOf(seed, index);
      String lane =
          switch (category.lane()) {
            case WEBHOOK -> "webhook";
            case PUBLIC -> "public";
            case API -> "api-" + (api++ % tokens.size());
          };
      lanes.computeIfAbsent(lane, ignored -> new ArrayList<>()).add(index);
    }
    List<Thread> drivers = new ArrayList<>();
    lanes.forEach(
        (lane, indexes) -> {
          Thread driver =
              Thread.ofPlatform().name("fuzz-" + lane).start(() -> drive(generator, lane, indexes));
          drivers.add(driver);
        });
    for (Thread driver : drivers) {
      try {
        driver.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private void drive(FuzzGenerator generator, String lane, List<Integer> indexes) {
    int concurrency;
    double perSecond;
    String token;
    if (lane.startsWith("api-")) {
      concurrency = options.apiConcurrencyPerToken();
      perSecond = options.apiPerSecondPerToken();
      token = tokens.get(Integer.parseInt(lane.substring(4)));
    } else if (lane.equals("public")) {
      concurrency = 4;
      perSecond = options.publicPerSecond();
      token = null;
    } else {
      concurrency = options.webhookConcurrency();
      perSecond = 0;
      token = null;
    }
    Semaphore inFlight = new Semaphore(concurrency);
    long start = System.nanoTime();
    int sent = 0;
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (int index : indexes) {
      if (perSecond > 0) {
        long due = start + (long) (sent * 1e9 / perSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      sent++;
      FuzzCase fuzzCase = generator.generate(index);
      inFlight.acquireUninterruptibly();
      CompletableFuture<Void> answer =
          send(fuzzCase, token).whenComplete((ignored, error) -> inFlight.release());
      pending.add(answer);
      if (pending.size() > 256) {
        pending.removeIf(CompletableFuture::isDone);
      }
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
  }

  private CompletableFuture<Void> send(FuzzCase fuzzCase, String token) {
    HttpRequest request;
    try {
      request = request(fuzzCase, token);
    } catch (IllegalArgumentException e) {
      recorder.notSent(fuzzCase, e.getMessage());
      return CompletableFuture.completedFuture(null);
    }
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, error) -> {
              if (error == null) {
                recorder.answered(fuzzCase, response.statusCode(), response.body());
                return CompletableFuture.<Void>completedFuture(null);
              }
              if (!staleConnection(error)) {
                recorder.failed(fuzzCase, outcome(error));
                return CompletableFuture.<Void>completedFuture(null);
              }
              // The server closed a kept-alive connection the client had just picked for this
              // request, which then got no answer at all: sent again, once, on a fresh
              // connection. A server that drops the connection because of the input drops it
              // again, and that is recorded.
              recorder.retriedStale();
              return client
                  .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                  .handle(
                      (again, secondError) -> {
                        if (secondError != null) {
                          recorder.failed(fuzzCase, outcome(secondError) + " (sent twice)");
                        } else {
                          recorder.answered(fuzzCase, again.statusCode(), again.body());
                        }
                        return (Void) null;
                      });
            })
        .thenCompose(next -> next);
  }

  /** No byte of an answer: what a kept-alive connection closed by the server looks like. */
  private static boolean staleConnection(Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    return cause instanceof IOException
        && !(cause instanceof HttpTimeoutException)
        && String.valueOf(cause.getMessage()).contains("received no bytes");
  }

  HttpRequest request(FuzzCase fuzzCase, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(routes.resolve(fuzzCase.target())).timeout(options.requestTimeout());
    fuzzCase.headers().forEach(builder::header);
    if (fuzzCase.auth() == FuzzCase.Auth.ADMIN_TOKEN && token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    byte[] body = fuzzCase.body();
    builder.method(
        fuzzCase.method(),
        body.length == 0 && fuzzCase.method().equals("GET")
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    return builder.build();
  }

  private static String outcome(Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    if (cause instanceof HttpTimeoutException) {
      return "timeout";
    }
    return cause instanceof IOException ? "connection-error: " + cause : "client-error: " + cause;
  }

  /** Deletes the rules and canned responses the cases created; how many. */
  private int cleanUp() {
    int deleted = 0;
    for (String path : recorder.created) {
      int status = http.delete(routes.resolve(path), tokens.getFirst());
      if (status / 100 == 2) {
        deleted++;
      }
    }
    return deleted;
  }

  private static Map<String, FuzzReport.Memory> memory(
      Map<String, ServiceMemory.Sample> before,
      Map<String, ServiceMemory.Sample> warm,
      Map<String, ServiceMemory.Sample> after) {
    Map<String, FuzzReport.Memory> memory = new TreeMap<>();
    before.forEach(
        (name, first) -> {
          ServiceMemory.Sample middle = warm.getOrDefault(name, first);
          ServiceMemory.Sample last = after.get(name);
          memory.put(
              name,
              new FuzzReport.Memory(
                  name,
                  first.pid(),
                  last == null ? -1 : last.pid(),
                  last != null && last.alive(),
                  first.residentBytes(),
                  middle.residentBytes(),
                  last == null ? 0 : last.residentBytes(),
                  first.heapAfterGcBytes(),
                  middle.heapAfterGcBytes(),
                  last == null ? -1 : last.heapAfterGcBytes()));
        });
    return memory;
  }

  /** The answers, collected from the HTTP client's threads. */
  private static final class Recorder {

    private final Map<Category, Map<String, Integer>> statuses = new EnumMap<>(Category.class);
    private final Map<Category, Integer> limited = new EnumMap<>(Category.class);
    final ConcurrentLinkedQueue<FuzzReport.Failure> failures = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<FuzzReport.Failure> platformUnavailable =
        new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<FuzzReport.Failure> unauthenticated = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<FuzzReport.Failure> notSent = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
    int leftBehind;
    int staleRetries;

    synchronized void retriedStale() {
      staleRetries++;
    }

    synchronized void answered(FuzzCase fuzzCase, int status, byte[] body) {
      count(fuzzCase, Integer.toString(status));
      if (status == 429) {
        limited.merge(fuzzCase.category(), 1, Integer::sum);
      }
      if (FuzzReport.isPlatformUnavailable(status, body)) {
        platformUnavailable.add(failure(fuzzCase, Integer.toString(status), body));
      } else if (status >= 500) {
        failures.add(failure(fuzzCase, Integer.toString(status), body));
      }
      if (status / 100 == 2 && !fuzzCase.credentialed()) {
        unauthenticated.add(failure(fuzzCase, Integer.toString(status), body));
      }
      if (status / 100 == 2 && fuzzCase.method().equals("POST")) {
        noteCreated(fuzzCase, body);
      }
    }

    synchronized void failed(FuzzCase fuzzCase, String outcome) {
      count(fuzzCase, outcome.startsWith("timeout") ? "timeout" : "connection-error");
      failures.add(failure(fuzzCase, outcome, new byte[0]));
    }

    synchronized void notSent(FuzzCase fuzzCase, String why) {
      count(fuzzCase, "not-sent");
      notSent.add(failure(fuzzCase, "not sent: " + why, new byte[0]));
    }

    private void noteCreated(FuzzCase fuzzCase, byte[] body) {
      String path = fuzzCase.target();
      boolean deletable = path.equals("/api/routing-rules") || path.equals("/api/canned-responses");
      if (!deletable && !path.equals("/api/teams") && !path.equals("/api/inboxes")) {
        return;
      }
      try {
        JsonNode id = Mutator.JSON.readTree(body).path("id");
        if (id.isTextual()) {
          if (deletable) {
            created.add(path + "/" + id.asText());
          } else {
            leftBehind++;
          }
        }
      } catch (IOException e) {
        // Not a created thing's view.
      }
    }

    private void count(FuzzCase fuzzCase, String key) {
      statuses
          .computeIfAbsent(fuzzCase.category(), ignored -> new TreeMap<>())
          .merge(key, 1, Integer::sum);
    }

    synchronized Map<String, FuzzReport.CategoryStats> categories() {
      Map<String, FuzzReport.CategoryStats> categories = new LinkedHashMap<>();
      statuses.forEach(
          (category, byStatus) ->
              categories.put(
                  category.label(),
                  new FuzzReport.CategoryStats(
                      byStatus.values().stream().mapToInt(Integer::intValue).sum(),
                      java.util.Collections.unmodifiableMap(new TreeMap<>(byStatus)),
                      limited.getOrDefault(category, 0))));
      return categories;
    }

    private static FuzzReport.Failure failure(FuzzCase fuzzCase, String outcome, byte[] body) {
      String target = fuzzCase.target();
      String excerpt =
          new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8)
              .replace('\n', ' ');
      return new FuzzReport.Failure(
          fuzzCase.index(),
          fuzzCase.category().label(),
          fuzzCase.method()
              + " "
              + (target.length() > 200 ? target.substring(0, 200) + "…" : target),
          outcome,
          fuzzCase.mutations().length() > 300
              ? fuzzCase.mutations().substring(0, 300)
              : fuzzCase.mutations(),
          excerpt);
    }
  }

  // ---- one case again -----------------------------------------------------------------------

  /** Sends case {@code index} of {@code seed} alone and prints it and the answer in full. */
  static void replay(Routes routes, Credentials credentials, long seed, int index, Options options)
      throws IOException, InterruptedException {
    FuzzRun run = new FuzzRun(routes, options);
    run.signIn(credentials);
    FuzzTargets targets =
        new FuzzSetup(run.http, routes, Duration.ofSeconds(3)).prepare(run.tokens.getFirst());
    FuzzCase fuzzCase = new FuzzGenerator(seed, targets).generate(index);
    HttpRequest request = run.request(fuzzCase, run.tokens.getFirst());
    System.out.println(fuzzCase.category().label() + " " + fuzzCase.method() + " " + request.uri());
    fuzzCase.headers().forEach((name, value) -> System.out.println(name + ": " + cut(value)));
    System.out.println("mutations: " + fuzzCase.mutations());
    System.out.println(
        "body ("
            + fuzzCase.body().length
            + " bytes): "
            + cut(new String(fuzzCase.body(), StandardCharsets.UTF_8)));
    HttpResponse<String> response = run.client.send(request, HttpResponse.BodyHandlers.ofString());
    System.out.println("-> " + response.statusCode() + " " + response.body());
  }

  private static String cut(String text) {
    return text.length() > 2000
        ? text.substring(0, 2000) + "… (" + text.length() + " chars)"
        : text;
  }

  // ---- command line -------------------------------------------------------------------------

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = flags(args);
    URI gateway =
        URI.create(option(flags, "gateway", "TUTTI_GATEWAY_URL", "http://127.0.0.1:8080"));
    String connectors = option(flags, "connectors", "TUTTI_FUZZ_CONNECTORS_URL", "");
    Routes routes = new Routes(gateway, connectors.isEmpty() ? null : URI.create(connectors));
    String oidc = option(flags, "oidc", "TUTTI_OIDC_URL", "http://127.0.0.1:8180/realms/tutti");
    Credentials credentials =
        new Credentials(
            oidc,
            "tutti-cli",
            option(flags, "user", "TUTTI_FUZZ_USER", "ada"),
            option(flags, "password", "TUTTI_FUZZ_PASSWORD", "demo"));
    long seed =
        Long.parseLong(
            option(
                flags,
                "seed",
                "TUTTI_FUZZ_SEED",
                Long.toString(new SplittableRandom().nextLong() >>> 16)));
    Options defaults = Options.defaults(Path.of(option(flags, "repo", "TUTTI_REPO", ".")));
    Options options =
        new Options(
            defaults.repoRoot(),
            Integer.parseInt(
                option(flags, "tokens", "TUTTI_FUZZ_TOKENS", Integer.toString(defaults.tokens()))),
            Double.parseDouble(
                option(
                    flags,
                    "api-rate",
                    "TUTTI_FUZZ_API_RATE",
                    Double.toString(defaults.apiPerSecondPerToken()))),
            defaults.apiConcurrencyPerToken(),
            defaults.publicPerSecond(),
            defaults.webhookConcurrency(),
            defaults.warmupShare(),
            defaults.settle(),
            Long.parseLong(
                    option(
                        flags,
                        "max-heap-growth-mb",
                        "TUTTI_FUZZ_MAX_HEAP_GROWTH_MB",
                        Long.toString(defaults.maxHeapGrowthBytes() >> 20)))
                << 20,
            defaults.requestTimeout());
    if (flags.containsKey("case")) {
      replay(routes, credentials, seed, Integer.parseInt(flags.get("case")), options);
      return;
    }
    int cases = Integer.parseInt(option(flags, "cases", "TUTTI_FUZZ_CASES", "10000"));
    System.out.println("fuzzing " + gateway + " with seed " + seed + ", " + cases + " cases");
    FuzzReport report = run(routes, credentials, seed, cases, options);
    System.out.print(report.summary());
    if (flags.containsKey("report")) {
      Path out = Path.of(flags.get("report"));
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      new com.fasterxml.jackson.databind.ObjectMapper()
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .writerWithDefaultPrettyPrinter()
          .writeValue(out.toFile(), report);
      System.out.println("report written to " + out);
    }
    System.exit(report.passed() ? 0 : 1);
  }

  private static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String name = args[i].substring(2);
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      flags.put(name, args[++i]);
    }
    return flags;
  }

  private static String option(
      Map<String, String> flags, String flag, String variable, String fallback) {
    String value = flags.get(flag);
    if (value == null) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? fallback : value;
  }
}
