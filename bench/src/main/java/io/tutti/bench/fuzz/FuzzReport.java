package io.tutti.bench.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a fuzz run found: per category the status codes answered, every 5xx, dropped connection or
 * timeout with the case to replay it, cases accepted without a valid credential, 429s (those cases
 * were not tested), each service's memory before, after the warm-up share and at the end, and the
 * services' ERROR log lines written meanwhile.
 *
 * <p>It passes when no case got a 5xx or lost its connection, no bad credential was accepted, every
 * service process is the one that was running at the start and still alive, and no service's heap
 * after a full GC grew by more than {@link #maxHeapGrowthBytes} between the end of the warm-up and
 * the end of the run.
 *
 * @param seed the run's seed
 * @param cases how many cases were generated
 * @param duration from the first case sent to the last answer
 * @param categories by label, in category order
 * @param failures 5xx answers, connection failures and timeouts
 * @param platformUnavailable 503s of type {@code platform-unavailable}: a request that needed a
 *     platform's API (a media download) while that API could not be reached or failed itself; no
 *     answer to the input, and not counted as a failure
 * @param unauthenticatedAccepted cases without a valid credential that were answered 2xx
 * @param notSent cases the HTTP client refused to send (a header value it does not allow)
 * @param memory by process name
 * @param logErrors ERROR lines in the services' logs during the run, by service
 * @param maxHeapGrowthBytes the memory criterion
 * @param cleanedUp rules and canned responses the cases created that were deleted again
 * @param leftBehind teams and inboxes the cases created (the API has no delete for them)
 * @param notes how the run departed from the plain one (targets borrowed, connectors direct)
 */
public record FuzzReport(
    long seed,
    int cases,
    Duration duration,
    Map<String, CategoryStats> categories,
    List<Failure> failures,
    List<Failure> platformUnavailable,
    List<Failure> unauthenticatedAccepted,
    List<Failure> notSent,
    Map<String, Memory> memory,
    Map<String, LogWatch.Errors> logErrors,
    long maxHeapGrowthBytes,
    int cleanedUp,
    int leftBehind,
    List<String> notes) {

  /** Service processes the memory criterion applies to; Keycloak is only checked to be alive. */
  static final List<String> SERVICES =
      List.of("gateway", "connectors", "conversations", "profiles", "attribution");

  /**
   * One category's answers.
   *
   * @param count cases sent
   * @param statuses answers by status code; {@code timeout}, {@code connection-error} and {@code
   *     not-sent} for cases without one
   * @param rateLimited of them answered 429: not tested
   */
  public record CategoryStats(int count, Map<String, Integer> statuses, int rateLimited) {}

  /**
   * One case worth a look.
   *
   * @param index the case (replay with {@code --seed S --case N})
   * @param category its label
   * @param request method and target, the target cut at 200 characters
   * @param outcome the status code, or what went wrong
   * @param mutations what the case did
   * @param excerpt the first 300 characters of the answer
   */
  public record Failure(
      int index,
      String category,
      String request,
      String outcome,
      String mutations,
      String excerpt) {}

  /**
   * One process's memory at the three measuring points; heap figures are after a full GC, -1 when
   * unknown.
   */
  public record Memory(
      String name,
      long pidBefore,
      long pidAfter,
      boolean aliveAfter,
      long rssBefore,
      long rssWarm,
      long rssAfter,
      long heapBefore,
      long heapWarm,
      long heapAfter) {

    long heapGrowth() {
      return heapWarm < 0 || heapAfter < 0 ? 0 : heapAfter - heapWarm;
    }

    boolean sameProcess() {
      return aliveAfter && pidBefore == pidAfter;
    }
  }

  /** The problem type the services answer when a platform's API was needed and unavailable. */
  static final String PLATFORM_UNAVAILABLE = "urn:tutti:problem:platform-unavailable";

  /**
   * Whether an answer is the services' 503 for a platform API they could not reach (no route to it
   * from this machine, or the platform failing): that is the right answer to any input, and says
   * nothing of how the input was handled.
   */
  static boolean isPlatformUnavailable(int status, byte[] body) {
    if (status != 503) {
      return false;
    }
    try {
      return PLATFORM_UNAVAILABLE.equals(Mutator.JSON.readTree(body).path("type").asText());
    } catch (java.io.IOException notJson) {
      return false;
    }
  }

  /** Cases answered, over all categories. */
  public int answered() {
    return categories.values().stream()
        .mapToInt(
            stats ->
                stats.statuses().entrySet().stream()
                    .filter(status -> Character.isDigit(status.getKey().charAt(0)))
                    .mapToInt(Map.Entry::getValue)
                    .sum())
        .sum();
  }

  /** Cases answered 429, over all categories. */
  public int rateLimited() {
    return categories.values().stream().mapToInt(CategoryStats::rateLimited).sum();
  }

  /** Why the run fails; empty when it passes. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!failures.isEmpty()) {
      problems.add(failures.size() + " cases got a 5xx, a dropped connection or a timeout");
    }
    if (!unauthenticatedAccepted.isEmpty()) {
      problems.add(
          unauthenticatedAccepted.size() + " cases were accepted without a valid credential");
    }
    for (Memory process : memory.values()) {
      if (!process.sameProcess()) {
        problems.add(
            process.name()
                + " is not the process that was running at the start (crashed or restarted)");
      } else if (SERVICES.contains(process.name()) && process.heapGrowth() > maxHeapGrowthBytes) {
        problems.add(
            process.name()
                + " heap after GC grew by "
                + mb(process.heapGrowth())
                + " MB, more than "
                + mb(maxHeapGrowthBytes)
                + " MB");
      }
    }
    for (String service : SERVICES) {
      if (!memory.containsKey(service)) {
        problems.add(service + " has no pid file: its memory and liveness were not checked");
      }
    }
    return problems;
  }

  public boolean passed() {
    return problems().isEmpty();
  }

  /** A plain-text summary for the console and the README. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "fuzz run: seed %d, %d cases, %.1f s, %d answered, %d rate-limited (not tested)%n",
            seed,
            cases,
            duration.toMillis() / 1000.0,
            answered(),
            rateLimited()));
    text.append(String.format(Locale.ROOT, "%-20s %6s  %s%n", "category", "cases", "statuses"));
    categories.forEach(
        (label, stats) ->
            text.append(
                String.format(
                    Locale.ROOT, "%-20s %6d  %s%n", label, stats.count(), stats.statuses())));
    text.append(
        String.format(
            Locale.ROOT,
            "%n%-14s %8s %10s %10s %10s %11s %11s %11s%n",
            "process",
            "alive",
            "rss0 MB",
            "rssW MB",
            "rss1 MB",
            "heap0 MB",
            "heapW MB",
            "heap1 MB"));
    memory.forEach(
        (name, process) ->
            text.append(
                String.format(
                    Locale.ROOT,
                    "%-14s %8s %10.1f %10.1f %10.1f %11.1f %11.1f %11.1f%n",
                    name,
                    process.sameProcess() ? "yes" : "NO",
                    mbExact(process.rssBefore()),
                    mbExact(process.rssWarm()),
                    mbExact(process.rssAfter()),
                    mbExact(process.heapBefore()),
                    mbExact(process.heapWarm()),
                    mbExact(process.heapAfter()))));
    text.append("(W: after the warm-up share; heap figures after a full GC)\n");
    if (!failures.isEmpty()) {
      text.append("\nfailures by category and outcome:\n");
      failures.stream()
          .collect(
              java.util.stream.Collectors.groupingBy(
                  failure -> failure.category() + " " + kind(failure.outcome()),
                  java.util.TreeMap::new,
                  java.util.stream.Collectors.counting()))
          .forEach(
              (key, count) ->
                  text.append("  ").append(key).append(": ").append(count).append('\n'));
      text.append("failures (replay: --seed ").append(seed).append(" --case N), 503s last:\n");
      failures.stream()
          .sorted(
              java.util.Comparator.comparing((Failure failure) -> failure.outcome().equals("503"))
                  .thenComparingInt(Failure::index))
          .limit(60)
          .forEach(failure -> text.append("  ").append(line(failure)).append('\n'));
    }
    if (!platformUnavailable.isEmpty()) {
      text.append(
              "\n"
                  + "503 platform-unavailable (the platform's API could not be reached; not"
                  + " failures): ")
          .append(platformUnavailable.size())
          .append('\n');
      platformUnavailable.stream()
          .limit(10)
          .forEach(failure -> text.append("  ").append(line(failure)).append('\n'));
    }
    if (!unauthenticatedAccepted.isEmpty()) {
      text.append("\naccepted without a valid credential:\n");
      unauthenticatedAccepted.stream()
          .limit(50)
          .forEach(failure -> text.append("  ").append(line(failure)).append('\n'));
    }
    if (!notSent.isEmpty()) {
      text.append("\nnot sent (refused by the HTTP client): ").append(notSent.size()).append('\n');
    }
    if (!logErrors.isEmpty()) {
      text.append("\nERROR lines in the service logs during the run:\n");
      logErrors.forEach(
          (service, errors) -> {
            text.append("  ").append(service).append(": ").append(errors.count()).append('\n');
            errors.first().stream()
                .limit(5)
                .forEach(line -> text.append("    ").append(line).append('\n'));
          });
    }
    text.append(
        String.format(
            Locale.ROOT,
            "%ncreated by cases: %d rules/canned responses deleted again, %d teams/inboxes left%n",
            cleanedUp,
            leftBehind));
    notes.forEach(note -> text.append("note: ").append(note).append('\n'));
    List<String> problems = problems();
    text.append(problems.isEmpty() ? "PASSED\n" : "FAILED:\n");
    problems.forEach(problem -> text.append("  - ").append(problem).append('\n'));
    return text.toString();
  }

  private static String kind(String outcome) {
    int colon = outcome.indexOf(':');
    return colon < 0 ? outcome : outcome.substring(0, colon);
  }

  private static String line(Failure failure) {
    return "#"
        + failure.index()
        + " "
        + failure.category()
        + " "
        + failure.request()
        + " -> "
        + failure.outcome()
        + " ["
        + failure.mutations()
        + "] "
        + failure.excerpt();
  }

  private static long mb(long bytes) {
    return bytes >> 20;
  }

  private static double mbExact(long bytes) {
    return bytes < 0 ? -1 : bytes / 1048576.0;
  }
}
