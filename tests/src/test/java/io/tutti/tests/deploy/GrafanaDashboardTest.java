package io.tutti.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/grafana/tutti-dashboard.json is written by hand; this holds it to the Grafana model an
 * import needs and to the meters the code registers. A panel that queries a name no service exports
 * draws an empty graph without any error, so every metric name in every expression must be a
 * Micrometer name found in the services' sources (as the Prometheus registry exports it: dots as
 * underscores, {@code _total} for counters, {@code _seconds} for timers and time gauges) or one of
 * the standard meters Quarkus registers itself.
 */
class GrafanaDashboardTest {

  /** What Quarkus and Micrometer register by themselves, as Prometheus names them. */
  private static final Set<String> STANDARD_METRICS =
      Set.of(
          "http_server_requests_seconds_count",
          "http_server_requests_seconds_sum",
          "http_server_requests_seconds_max",
          "jvm_info_total",
          "jvm_memory_used_bytes",
          "jvm_memory_committed_bytes",
          "process_cpu_usage");

  private static final List<String> ROWS =
      List.of("Intake", "Pipeline", "Delivery", "Agents", "Platform");

  private static final String DATASOURCE = "${datasource}";

  /** The modules whose sources register meters. */
  private static final List<String> SOURCE_ROOTS =
      Stream.concat(Stream.of("services/events"), Modules.APPS.values().stream())
          .map(module -> module + "/src/main/java")
          .toList();

  /**
   * A meter's name where it is registered: {@code Counter.builder("tutti.x")}, {@code
   * registry.counter("tutti.x", ...)} or a helper called so. Other strings that merely start with
   * {@code tutti.} (config prefixes, exchange names) do not count.
   */
  private static final Pattern MICROMETER_NAME =
      Pattern.compile(
          "\\b(?:builder|counter|timer|gauge|summary)\\(\\s*\"(tutti(?:\\.[a-z0-9_]+)+)\"");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> PROMQL_KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring");

  private static JsonNode dashboard;
  private static List<JsonNode> panels;

  /** Micrometer name with dots as underscores → the source files that name it. */
  private static Map<String, List<String>> registered;

  @BeforeAll
  static void read() throws IOException {
    Path file = Modules.root().resolve("infra/grafana/tutti-dashboard.json");
    assertThat(file).as("the dashboard at infra/grafana").isRegularFile();
    dashboard = new ObjectMapper().readTree(file.toFile());
    panels = new ArrayList<>();
    dashboard.path("panels").forEach(panels::add);
    registered = registeredMeters();
  }

  @Test
  void isAGrafanaDashboardThatAsksForItsPrometheusWhenImported() {
    assertThat(dashboard.path("schemaVersion").asInt())
        .as("schemaVersion (Grafana 10 writes 38 and up)")
        .isGreaterThanOrEqualTo(38);
    assertThat(dashboard.path("uid").asText()).isNotBlank();
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("id").isNull())
        .as("id is left to the Grafana it is imported into")
        .isTrue();
    JsonNode datasource = variable("datasource");
    assertThat(datasource.path("type").asText()).isEqualTo("datasource");
    assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
    for (String name : List.of("namespace", "job")) {
      JsonNode variable = variable(name);
      assertThat(variable.path("type").asText()).as(name).isEqualTo("query");
      assertThat(variable.path("datasource").path("uid").asText()).as(name).isEqualTo(DATASOURCE);
      assertThat(variable.path("includeAll").asBoolean()).as(name).isTrue();
      // "All" must also match series without the label (Prometheus outside Kubernetes).
      assertThat(variable.path("allValue").asText()).as(name).isEqualTo(".*");
    }
  }

  @Test
  void groupsItsPanelsInTheRowsOperatorsLookFor() {
    List<String> rows = new ArrayList<>();
    String lastRow = null;
    Map<String, Integer> panelsPerRow = new HashMap<>();
    for (JsonNode panel : panels) {
      if (isRow(panel)) {
        lastRow = panel.path("title").asText();
        rows.add(lastRow);
        assertThat(panel.path("collapsed").asBoolean()).as("row %s open", lastRow).isFalse();
      } else {
        assertThat(lastRow).as("panel %s sits in a row", title(panel)).isNotNull();
        panelsPerRow.merge(lastRow, 1, Integer::sum);
      }
    }
    assertThat(rows).containsExactlyElementsOf(ROWS);
    for (String row : ROWS) {
      assertThat(panelsPerRow.getOrDefault(row, 0)).as("panels in row %s", row).isPositive();
    }
  }

  @Test
  void everyPanelQueriesPrometheusThroughTheVariableWithTheJobAndNamespaceFilters() {
    Set<Integer> ids = new TreeSet<>();
    for (JsonNode panel : panels) {
      assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", title(panel)).isTrue();
      if (isRow(panel)) {
        continue;
      }
      assertThat(panel.path("datasource").path("type").asText())
          .as(title(panel))
          .isEqualTo("prometheus");
      assertThat(panel.path("datasource").path("uid").asText())
          .as(title(panel))
          .isEqualTo(DATASOURCE);
      assertThat(panel.path("description").asText())
          .as("description of %s", title(panel))
          .isNotBlank();
      JsonNode targets = panel.path("targets");
      assertThat(targets.size()).as("targets of %s", title(panel)).isPositive();
      for (JsonNode target : targets) {
        String expr = target.path("expr").asText();
        assertThat(expr).as("expr of %s", title(panel)).isNotBlank();
        assertThat(target.path("refId").asText()).as("refId in %s", title(panel)).isNotBlank();
        assertThat(target.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE);
        for (String metric : metricNames(expr)) {
          Matcher selector = Pattern.compile(Pattern.quote(metric) + "\\{([^}]*)}").matcher(expr);
          assertThat(selector.find())
              .as("%s in %s has a label selector", metric, title(panel))
              .isTrue();
          do {
            assertThat(selector.group(1))
                .as("selector of %s in %s", metric, title(panel))
                .contains("job=~\"$job\"")
                .contains("namespace=~\"$namespace\"");
          } while (selector.find());
        }
      }
    }
  }

  @Test
  void everyMetricItQueriesIsOneTheCodeRegistersOrAStandardOne() {
    Set<String> used = usedMetrics();
    assertThat(used).as("metrics the dashboard queries").isNotEmpty();
    List<String> unknown = new ArrayList<>();
    for (String metric : used) {
      if (!STANDARD_METRICS.contains(metric) && declaringSources(metric).isEmpty()) {
        unknown.add(metric);
      }
    }
    assertThat(unknown)
        .as("metrics no service registers (registered: %s)", new TreeSet<>(registered.keySet()))
        .isEmpty();
    // And the dashboard shows what this issue added, not only what was there before.
    assertThat(used)
        .contains(
            "tutti_webhooks_accepted_total",
            "tutti_webhooks_rejected_total",
            "tutti_outbox_pending",
            "tutti_outbox_oldest_age_seconds",
            "tutti_consumer_lag_seconds_bucket",
            "tutti_consumer_dead_lettered_total",
            "tutti_outbound_failed_total",
            "tutti_live_sockets",
            "tutti_assignment_wait_seconds_bucket");
  }

  @Test
  void quantilesAreTakenOnlyOfTimersThatPublishAHistogram() {
    for (String metric : usedMetrics()) {
      if (!metric.endsWith("_bucket")) {
        continue;
      }
      List<String> sources = declaringSources(metric);
      assertThat(sources).as("sources registering %s", metric).isNotEmpty();
      assertThat(sources)
          .as("%s is only exported by a meter with publishPercentileHistogram()", metric)
          .allSatisfy(source -> assertThat(source).contains("publishPercentileHistogram()"));
    }
  }

  @Test
  void panelsFitTheGridWithoutOverlapping() {
    List<int[]> placed = new ArrayList<>();
    for (JsonNode panel : panels) {
      JsonNode grid = panel.path("gridPos");
      int x = grid.path("x").asInt();
      int y = grid.path("y").asInt();
      int w = grid.path("w").asInt();
      int h = grid.path("h").asInt();
      assertThat(w).as("width of %s", title(panel)).isPositive();
      assertThat(h).as("height of %s", title(panel)).isPositive();
      assertThat(x + w).as("right edge of %s", title(panel)).isLessThanOrEqualTo(24);
      for (int[] other : placed) {
        boolean apart =
            x + w <= other[0]
                || other[0] + other[2] <= x
                || y + h <= other[1]
                || other[1] + other[3] <= y;
        assertThat(apart).as("%s overlaps another panel", title(panel)).isTrue();
      }
      placed.add(new int[] {x, y, w, h});
    }
  }

  /** Every metric name in the panels' expressions and the variables' queries. */
  private static Set<String> usedMetrics() {
    Set<String> used = new TreeSet<>();
    for (JsonNode panel : panels) {
      panel
          .path("targets")
          .forEach(target -> used.addAll(metricNames(target.path("expr").asText())));
    }
    Pattern labelValues = Pattern.compile("label_values\\(\\s*(" + IDENTIFIER.pattern() + ")");
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      Matcher query = labelValues.matcher(variable.path("definition").asText());
      while (query.find()) {
        used.add(query.group(1));
      }
    }
    return used;
  }

  /**
   * The metric names of a PromQL expression: what is left once strings, label selectors, ranges,
   * grouping clauses, function calls and keywords are taken out.
   */
  static Set<String> metricNames(String expr) {
    String bare =
        expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new LinkedHashSet<>();
    Matcher identifier = IDENTIFIER.matcher(bare);
    while (identifier.find()) {
      String name = identifier.group();
      boolean call = bare.substring(identifier.end()).stripLeading().startsWith("(");
      if (!call && !PROMQL_KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * The sources that register the meter Prometheus exports as {@code metric}: its name less the
   * suffix the registry adds for the kind of sample, and less the {@code _seconds} of a time.
   */
  private static List<String> declaringSources(String metric) {
    String base = metric.replaceFirst("_(bucket|count|sum|max|total)$", "");
    Set<String> candidates = new LinkedHashSet<>(List.of(base));
    if (base.endsWith("_seconds")) {
      candidates.add(base.substring(0, base.length() - "_seconds".length()));
    }
    return candidates.stream()
        .flatMap(name -> registered.getOrDefault(name, List.of()).stream())
        .toList();
  }

  private static Map<String, List<String>> registeredMeters() throws IOException {
    Map<String, List<String>> meters = new HashMap<>();
    for (String root : SOURCE_ROOTS) {
      try (Stream<Path> files = Files.walk(Modules.root().resolve(root))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String source = read(file);
          Matcher name = MICROMETER_NAME.matcher(source);
          while (name.find()) {
            meters
                .computeIfAbsent(name.group(1).replace('.', '_'), k -> new ArrayList<>())
                .add(source);
          }
        }
      }
    }
    return meters;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode variable(String name) {
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (name.equals(variable.path("name").asText())) {
        return variable;
      }
    }
    throw new AssertionError("no templating variable " + name);
  }

  private static boolean isRow(JsonNode panel) {
    return "row".equals(panel.path("type").asText());
  }

  private static String title(JsonNode panel) {
    return panel.path("title").asText();
  }
}
