package io.tutti.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * helm/tutti is written by hand; this lints it and renders it in-process (Helm's own library, no
 * helm binary) with the default values and with helm/examples/values-production.yaml, then holds
 * every rendered object to what a cluster operator expects and to what the apps actually read.
 */
class HelmChartTest {

  private static final String RELEASE = "tutti";

  /** A Kubernetes the chart supports; Helm's library would otherwise assume 1.20. */
  private static final String KUBERNETES = "1.30.0";

  /** Environment variables whose values must come from a Secret, never from the chart. */
  private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|_KEY|_KEYS)$");

  private static Path chart;
  private static Path productionValues;
  private static List<JsonNode> defaults;
  private static List<JsonNode> production;

  @BeforeAll
  static void render() throws IOException {
    chart = Modules.root().resolve("helm/tutti");
    productionValues = Modules.root().resolve("helm/examples/values-production.yaml");
    assertThat(chart.resolve("Chart.yaml")).isRegularFile();
    defaults = template(command -> command);
    production = template(command -> command.withValuesFile(productionValues));
  }

  @Test
  void lintFindsNothingToFix() {
    LintResult result = new Helm(chart).lint().strict().call();
    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
  }

  @Test
  void rendersOneDeploymentServiceConfigMapAutoscalerAndDisruptionBudgetPerApp() {
    for (List<JsonNode> objects : List.of(defaults, production)) {
      for (String kind :
          List.of(
              "Deployment",
              "Service",
              "ConfigMap",
              "HorizontalPodAutoscaler",
              "PodDisruptionBudget")) {
        assertThat(names(objects, kind))
            .as(kind)
            .containsExactlyInAnyOrderElementsOf(
                Modules.APPS.keySet().stream().map(HelmChartTest::objectName).toList());
      }
    }
  }

  @Test
  void everyDeploymentProbesTheQuarkusHealthEndpoints() {
    for (JsonNode deployment : deployments()) {
      JsonNode container = container(deployment);
      assertThat(container.path("startupProbe").path("httpGet").path("path").asText())
          .as("%s startup probe", name(deployment))
          .isEqualTo("/q/health/started");
      assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
          .as("%s liveness probe", name(deployment))
          .isEqualTo("/q/health/live");
      assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
          .as("%s readiness probe", name(deployment))
          .isEqualTo("/q/health/ready");
      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        assertThat(container.path(probe).path("httpGet").path("port").asText())
            .as("%s %s port", name(deployment), probe)
            .isEqualTo("http");
      }
    }
  }

  @Test
  void everyDeploymentRequestsCpuAndMemoryAndLimitsMemory() {
    // The memory limit also sizes the JVM's heap.
    for (JsonNode deployment : deployments()) {
      JsonNode resources = container(deployment).path("resources");
      for (String quantity : List.of("/requests/cpu", "/requests/memory", "/limits/memory")) {
        assertThat(resources.at(quantity).asText())
            .as("%s resources%s", name(deployment), quantity)
            .isNotEmpty();
      }
    }
  }

  @Test
  void everyDeploymentRunsAsNonRootOnAReadOnlyFilesystemWithoutCapabilities() {
    // Pointers into the pod template's spec, and the value each must have.
    Map<String, Boolean> required =
        Map.of(
            "/securityContext/runAsNonRoot", true,
            "/automountServiceAccountToken", false,
            "/containers/0/securityContext/runAsNonRoot", true,
            "/containers/0/securityContext/readOnlyRootFilesystem", true,
            "/containers/0/securityContext/allowPrivilegeEscalation", false);
    for (JsonNode deployment : deployments()) {
      JsonNode pod = deployment.path("spec").path("template").path("spec");
      required.forEach(
          (pointer, expected) ->
              assertThat(pod.at(pointer).isBoolean() && pod.at(pointer).asBoolean() == expected)
                  .as("%s %s is %s", name(deployment), pointer, expected)
                  .isTrue());
      assertThat(pod.at("/securityContext/runAsUser").asInt())
          .as("%s runAsUser", name(deployment))
          .isPositive();
      JsonNode security = container(deployment).path("securityContext");
      assertThat(texts(security.path("capabilities").path("drop")))
          .as("%s drops capabilities", name(deployment))
          .containsExactly("ALL");
      // With the root filesystem read-only, /tmp is where the JVM and Vert.x write.
      assertThat(container(deployment).path("volumeMounts").findValuesAsText("mountPath"))
          .as("%s writable /tmp", name(deployment))
          .contains("/tmp");
    }
  }

  @Test
  void everyDeploymentHasAnAutoscalerAndADisruptionBudgetThatSelectItsPods() {
    for (List<JsonNode> objects : List.of(defaults, production)) {
      for (JsonNode deployment : of(objects, "Deployment")) {
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        JsonNode autoscaler = named(objects, "HorizontalPodAutoscaler", name(deployment));
        assertThat(autoscaler.path("spec").path("scaleTargetRef").path("name").asText())
            .isEqualTo(name(deployment));
        assertThat(autoscaler.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(autoscaler.path("spec").path("maxReplicas").asInt())
            .isGreaterThan(autoscaler.path("spec").path("minReplicas").asInt());
        // The autoscaler owns the replica count; a fixed one would fight it on every upgrade.
        assertThat(deployment.path("spec").has("replicas")).isFalse();
        JsonNode budget = named(objects, "PodDisruptionBudget", name(deployment));
        budget
            .path("spec")
            .path("selector")
            .path("matchLabels")
            .fields()
            .forEachRemaining(
                label ->
                    assertThat(labels.path(label.getKey()).asText())
                        .as("%s budget selects its pods by %s", name(deployment), label.getKey())
                        .isEqualTo(label.getValue().asText()));
      }
    }
  }

  @Test
  void rendersNoSecretAndTakesEverySecretValueFromAnExistingSecret() {
    for (List<JsonNode> objects : List.of(defaults, production)) {
      assertThat(objects).noneMatch(object -> object.path("kind").asText().equals("Secret"));
      for (JsonNode configMap : of(objects, "ConfigMap")) {
        assertThat(fieldNames(configMap.path("data")))
            .as("%s holds no secret", name(configMap))
            .noneMatch(key -> SECRET_NAME.matcher(key).matches());
      }
      for (JsonNode deployment : of(objects, "Deployment")) {
        for (JsonNode variable : container(deployment).path("env")) {
          String variableName = variable.path("name").asText();
          if (SECRET_NAME.matcher(variableName).matches()) {
            assertThat(variable.has("value"))
                .as("%s: %s is not written in the chart", name(deployment), variableName)
                .isFalse();
            assertThat(variable.path("valueFrom").path("secretKeyRef").path("name").asText())
                .as("%s: %s comes from a Secret", name(deployment), variableName)
                .isNotEmpty();
          }
        }
      }
    }
  }

  @Test
  void setsOnlyVariablesEachAppReadsAndEveryOneItNeedsToReachItsInfrastructure() {
    for (List<JsonNode> objects : List.of(defaults, production)) {
      for (var app : Modules.APPS.entrySet()) {
        Set<String> set = environment(objects, app.getKey()).keySet();
        Set<String> read = Modules.referencedVariables(app.getValue());
        assertThat(read)
            .as("%s reads every TUTTI_* variable the chart sets", app.getKey())
            .containsAll(set);
        Set<String> needed = new TreeSet<>(read);
        needed.retainAll(Modules.INFRASTRUCTURE_VARIABLES);
        assertThat(set)
            .as("%s gets what reaches its infrastructure", app.getKey())
            .containsAll(needed);
      }
    }
  }

  @Test
  void listensOnEachAppsOwnPortAndPointsAppsAtEachOthersServices() {
    for (var app : Modules.APPS.entrySet()) {
      int port = Modules.httpPort(app.getValue());
      JsonNode deployment = named(defaults, "Deployment", objectName(app.getKey()));
      assertThat(container(deployment).path("ports").get(0).path("containerPort").asInt())
          .as("%s container port", app.getKey())
          .isEqualTo(port);
      JsonNode service = named(defaults, "Service", objectName(app.getKey()));
      assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(port);
      assertThat(environment(defaults, app.getKey())).containsEntry("TUTTI_HTTP_PORT", "" + port);
    }
    Map<String, String> gateway = environment(defaults, "gateway");
    for (String service : List.of("connectors", "conversations", "profiles", "attribution")) {
      assertThat(gateway)
          .containsEntry(
              "TUTTI_" + service.toUpperCase() + "_URL",
              "http://" + objectName(service) + ":" + Modules.httpPort(Modules.APPS.get(service)));
    }
  }

  @Test
  void runsTheImagesTheBuildMakes() throws IOException {
    Matcher version =
        Pattern.compile("<version>([^<]+)</version>")
            .matcher(Files.readString(Modules.root().resolve("pom.xml")));
    assertThat(version.find()).isTrue();
    assertThat(Files.readString(chart.resolve("Chart.yaml")))
        .as("the chart's appVersion is the Maven project version, the images' tag")
        .contains("appVersion: \"" + version.group(1) + "\"");
    for (var app : Modules.APPS.entrySet()) {
      var properties = Modules.properties(app.getValue());
      String image =
          properties.getProperty("quarkus.container-image.group")
              + "/"
              + properties.getProperty("quarkus.container-image.name")
              + ":"
              + version.group(1);
      assertThat(
              container(named(defaults, "Deployment", objectName(app.getKey())))
                  .path("image")
                  .asText())
          .isEqualTo(image);
      assertThat(
              container(named(production, "Deployment", objectName(app.getKey())))
                  .path("image")
                  .asText())
          .isEqualTo("registry.example.com/" + image);
    }
  }

  @Test
  void exposesTheGatewayAloneThroughATlsIngress() {
    for (List<JsonNode> objects : List.of(defaults, production)) {
      List<JsonNode> ingresses = of(objects, "Ingress");
      assertThat(ingresses).hasSize(1);
      JsonNode spec = ingresses.get(0).path("spec");
      String host = spec.path("rules").get(0).path("host").asText();
      assertThat(texts(spec.path("tls").get(0).path("hosts"))).containsExactly(host);
      assertThat(spec.path("tls").get(0).path("secretName").asText()).isNotEmpty();
      assertThat(spec.findValuesAsText("name")).contains(objectName("gateway"));
      assertThat(spec.path("rules").get(0).path("http").path("paths").size()).isEqualTo(1);
      // Behind the ingress the caller's address is the forwarded one.
      assertThat(environment(objects, "gateway")).containsEntry("TUTTI_BEHIND_PROXY", "true");
    }
    assertThat(environment(production, "gateway"))
        .containsEntry("TUTTI_TRUSTED_PROXIES", "10.0.0.0/8");
    List<JsonNode> direct =
        template(command -> command.set("ingress.enabled", false).set("httpRoute.enabled", false));
    assertThat(environment(direct, "gateway")).doesNotContainKey("TUTTI_BEHIND_PROXY");
  }

  @Test
  void routesThroughTheGatewayApiAndIsScrapedByPrometheusWhenAsked() {
    assertThat(of(defaults, "HTTPRoute")).isEmpty();
    assertThat(of(defaults, "ServiceMonitor")).isEmpty();
    List<JsonNode> objects =
        template(
            command ->
                command
                    .withValuesFile(productionValues)
                    .set("httpRoute.enabled", true)
                    .set("ingress.enabled", false));
    assertThat(of(objects, "Ingress")).isEmpty();
    JsonNode route = of(objects, "HTTPRoute").get(0).path("spec");
    assertThat(texts(route.path("hostnames"))).containsExactly("tutti.example.com");
    assertThat(route.path("rules").get(0).path("backendRefs").get(0).path("name").asText())
        .isEqualTo(objectName("gateway"));
    JsonNode monitor = of(production, "ServiceMonitor").get(0);
    assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText())
        .isEqualTo("/q/metrics");
    assertThat(monitor.path("metadata").path("labels").path("release").asText())
        .isEqualTo("kube-prometheus-stack");
    for (JsonNode service : of(production, "Service")) {
      monitor
          .path("spec")
          .path("selector")
          .path("matchLabels")
          .fields()
          .forEachRemaining(
              label ->
                  assertThat(service.path("metadata").path("labels").path(label.getKey()).asText())
                      .isEqualTo(label.getValue().asText()));
    }
  }

  @Test
  void tracesOnlyWhenAnEndpointIsGiven() {
    assertThat(environment(defaults, "conversations")).containsEntry("TUTTI_OTEL_DISABLED", "true");
    assertThat(environment(production, "conversations"))
        .containsEntry("TUTTI_OTEL_DISABLED", "false")
        .containsEntry("TUTTI_OTEL_ENDPOINT", "http://otel-collector.observability:4317");
  }

  @Test
  void aWrongValueFailsBeforeAnythingIsInstalled() {
    Map<String, Object> wrong =
        Map.of(
            "database.poolSize", "many",
            "publicUrl", "tutti.example.com",
            "replicaCount", 3,
            "image.pullPolicy", "Sometimes",
            "apps.gateway.port", 80000,
            "defaults.env.PATH", "/usr/bin");
    for (var value : wrong.entrySet()) {
      assertThatThrownBy(() -> template(command -> command.set(value.getKey(), value.getValue())))
          .as("%s=%s", value.getKey(), value.getValue())
          .hasMessageContaining("values don't meet the specifications of the schema");
    }
  }

  private static List<JsonNode> template(UnaryOperator<TemplateCommand> values) {
    String rendered =
        values
            .apply(new Helm(chart).template().withName(RELEASE).withKubeVersion(KUBERNETES))
            .call();
    try {
      List<JsonNode> objects = new ArrayList<>();
      new YAMLMapper()
          .readerFor(JsonNode.class)
          .<JsonNode>readValues(rendered)
          .forEachRemaining(
              object -> {
                if (object != null && object.has("kind")) {
                  objects.add(object);
                }
              });
      return objects;
    } catch (IOException e) {
      throw new AssertionError("helm template gave YAML that does not parse:\n" + rendered, e);
    }
  }

  private static String objectName(String app) {
    return RELEASE + "-" + app;
  }

  /** An app's TUTTI_* settings: its ConfigMap's data and its container's own env. */
  private static Map<String, String> environment(List<JsonNode> objects, String app) {
    Map<String, String> variables = new TreeMap<>();
    named(objects, "ConfigMap", objectName(app))
        .path("data")
        .fields()
        .forEachRemaining(entry -> variables.put(entry.getKey(), entry.getValue().asText()));
    for (JsonNode variable : container(named(objects, "Deployment", objectName(app))).path("env")) {
      variables.put(variable.path("name").asText(), variable.path("value").asText(null));
    }
    variables.keySet().removeIf(name -> !name.startsWith("TUTTI_"));
    return variables;
  }

  private static List<JsonNode> deployments() {
    List<JsonNode> all = new ArrayList<>(of(defaults, "Deployment"));
    all.addAll(of(production, "Deployment"));
    return all;
  }

  private static JsonNode container(JsonNode deployment) {
    JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
    assertThat(containers.size()).as("%s containers", name(deployment)).isEqualTo(1);
    return containers.get(0);
  }

  private static List<JsonNode> of(List<JsonNode> objects, String kind) {
    return objects.stream().filter(object -> object.path("kind").asText().equals(kind)).toList();
  }

  private static JsonNode named(List<JsonNode> objects, String kind, String name) {
    return of(objects, kind).stream()
        .filter(object -> name(object).equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  private static Set<String> names(List<JsonNode> objects, String kind) {
    return of(objects, kind).stream().map(HelmChartTest::name).collect(Collectors.toSet());
  }

  private static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
