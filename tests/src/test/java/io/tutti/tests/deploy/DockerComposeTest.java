package io.tutti.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is written by hand; this keeps it honest against the modules it runs: their
 * ports, the TUTTI_* variables their application.properties read, health checks, start order and
 * the infra files it mounts.
 */
class DockerComposeTest {

  /** Compose service name → module directory. */
  private static final Map<String, String> APPS =
      Map.of(
          "connectors", "services/connectors",
          "conversations", "services/conversations",
          "profiles", "services/profiles",
          "attribution", "services/attribution",
          "gateway", "gateway");

  private static final List<String> INFRA = List.of("postgres", "rabbitmq", "keycloak");

  /** Without these a service cannot reach its database, broker, identity provider or upstreams. */
  private static final Set<String> REQUIRED =
      Set.of(
          "TUTTI_DB_HOST",
          "TUTTI_DB_NAME",
          "TUTTI_DB_USER",
          "TUTTI_DB_PASSWORD",
          "TUTTI_RABBITMQ_HOST",
          "TUTTI_RABBITMQ_USER",
          "TUTTI_RABBITMQ_PASSWORD",
          "TUTTI_OIDC_URL",
          "TUTTI_CONNECTORS_URL",
          "TUTTI_CONVERSATIONS_URL",
          "TUTTI_PROFILES_URL",
          "TUTTI_ATTRIBUTION_URL");

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(TUTTI_[A-Z0-9_]+)");
  private static final Pattern HTTP_PORT = Pattern.compile("\\$\\{TUTTI_HTTP_PORT:(\\d+)}");

  private static Path root;
  private static JsonNode services;

  @BeforeAll
  static void readComposeFile() throws IOException {
    // Surefire runs in tests/; the repository root is one up.
    root = Path.of("").toAbsolutePath().getParent();
    Path compose = root.resolve("docker-compose.yml");
    assertThat(compose).as("docker-compose.yml at the repository root").isRegularFile();
    services = new ObjectMapper(new YAMLFactory()).readTree(compose.toFile()).path("services");
  }

  @Test
  void runsEveryModuleAndItsInfrastructure() {
    Set<String> names = new TreeSet<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsAll(APPS.keySet()).containsAll(INFRA);
  }

  @Test
  void publishesEachServiceOnTheDefaultPortOfItsApplicationProperties() throws IOException {
    for (var app : APPS.entrySet()) {
      Matcher port = HTTP_PORT.matcher(properties(app.getValue()).getProperty("quarkus.http.port"));
      assertThat(port.matches())
          .as("%s: quarkus.http.port=${TUTTI_HTTP_PORT:NNNN}", app.getKey())
          .isTrue();
      String containerPort =
          environment(app.getKey()).getOrDefault("TUTTI_HTTP_PORT", port.group(1));
      assertThat(texts(services.path(app.getKey()).path("ports")))
          .as("%s ports", app.getKey())
          .contains(port.group(1) + ":" + containerPort);
    }
  }

  @Test
  void setsOnlyVariablesTheServiceReads() throws IOException {
    for (var app : APPS.entrySet()) {
      Set<String> referenced = referencedVariables(app.getValue());
      Set<String> set = new TreeSet<>(environment(app.getKey()).keySet());
      set.removeIf(name -> !name.startsWith("TUTTI_"));
      assertThat(referenced)
          .as(
              "%s: TUTTI_* variables in compose but not read by its application.properties",
              app.getKey())
          .containsAll(set);
    }
  }

  @Test
  void setsEveryVariableTheServiceNeedsToReachItsInfrastructure() throws IOException {
    for (var app : APPS.entrySet()) {
      Set<String> needed = new TreeSet<>(referencedVariables(app.getValue()));
      needed.retainAll(REQUIRED);
      assertThat(needed)
          .as("%s reads no infrastructure variables at all", app.getKey())
          .isNotEmpty();
      assertThat(environment(app.getKey()).keySet())
          .as("%s: compose environment", app.getKey())
          .containsAll(needed);
    }
  }

  @Test
  void pointsServicesAtHostsInsideTheComposeNetwork() {
    for (String app : APPS.keySet()) {
      for (var variable : environment(app).entrySet()) {
        String name = variable.getKey();
        String host = null;
        if (name.endsWith("_HOST")) {
          host = variable.getValue();
        } else if (name.endsWith("_URL") && !name.equals("TUTTI_PUBLIC_URL")) {
          host = URI.create(variable.getValue()).getHost();
        }
        if (host != null) {
          assertThat(services.has(host))
              .as("%s: %s=%s names a compose service", app, name, variable.getValue())
              .isTrue();
        }
      }
    }
  }

  @Test
  void everyServiceHasAHealthCheckAndStartsAfterItsDependenciesAreHealthy() {
    services
        .fields()
        .forEachRemaining(
            service ->
                assertThat(service.getValue().path("healthcheck").path("test").isMissingNode())
                    .as("%s has a healthcheck", service.getKey())
                    .isFalse());
    for (String app : APPS.keySet()) {
      JsonNode dependsOn = services.path(app).path("depends_on");
      assertThat(dependsOn.isObject()).as("%s depends_on with conditions", app).isTrue();
      assertThat(dependsOn.size()).as("%s depends on something", app).isPositive();
      dependsOn
          .fields()
          .forEachRemaining(
              dependency ->
                  assertThat(dependency.getValue().path("condition").asText())
                      .as("%s waits for %s", app, dependency.getKey())
                      .isEqualTo("service_healthy"));
    }
  }

  @Test
  void appHealthChecksAskForReadinessOnTheServicesOwnPort() throws IOException {
    for (var app : APPS.entrySet()) {
      Matcher port = HTTP_PORT.matcher(properties(app.getValue()).getProperty("quarkus.http.port"));
      assertThat(port.matches()).isTrue();
      assertThat(
              String.join(" ", texts(services.path(app.getKey()).path("healthcheck").path("test"))))
          .as("%s healthcheck", app.getKey())
          .contains(":" + port.group(1) + "/q/health/ready");
    }
  }

  @Test
  void buildsEachServiceFromItsModuleWithAFastJarDockerfile() {
    for (var app : APPS.entrySet()) {
      JsonNode build = services.path(app.getKey()).path("build");
      Path context = root.resolve(build.path("context").asText()).normalize();
      assertThat(context)
          .as("%s build context", app.getKey())
          .isEqualTo(root.resolve(app.getValue()));
      assertThat(context.resolve(build.path("dockerfile").asText()))
          .as("%s Dockerfile", app.getKey())
          .isRegularFile()
          .content()
          .contains("target/quarkus-app/");
    }
  }

  @Test
  void mountsOnlyFilesThatExistInTheRepository() {
    Set<String> mounted = new LinkedHashSet<>();
    services
        .fields()
        .forEachRemaining(
            service -> {
              for (String volume : texts(service.getValue().path("volumes"))) {
                String source = volume.split(":", 2)[0];
                if (source.startsWith("./")) {
                  mounted.add(source);
                }
              }
            });
    assertThat(mounted)
        .contains(
            "./infra/postgres/init.sql",
            "./infra/rabbitmq/rabbitmq.conf",
            "./infra/rabbitmq/definitions.json",
            "./infra/keycloak/tutti-realm.json");
    for (String source : mounted) {
      assertThat(root.resolve(source).normalize()).as("mounted %s", source).isRegularFile();
    }
  }

  private static Properties properties(String module) throws IOException {
    Properties properties = new Properties();
    try (Reader reader =
        Files.newBufferedReader(
            root.resolve(module).resolve("src/main/resources/application.properties"))) {
      properties.load(reader);
    }
    return properties;
  }

  private static Set<String> referencedVariables(String module) throws IOException {
    Set<String> names = new TreeSet<>();
    for (Object value : properties(module).values()) {
      Matcher matcher = REFERENCE.matcher(value.toString());
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  /** A service's environment, written either as a map or as a list of NAME=value. */
  private static Map<String, String> environment(String service) {
    JsonNode environment = services.path(service).path("environment");
    Map<String, String> variables = new LinkedHashMap<>();
    if (environment.isObject()) {
      environment
          .fields()
          .forEachRemaining(entry -> variables.put(entry.getKey(), entry.getValue().asText()));
    } else if (environment.isArray()) {
      for (String entry : texts(environment)) {
        String[] parts = entry.split("=", 2);
        variables.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    } else if (!environment.isMissingNode()) {
      fail("%s: environment is neither a map nor a list", service);
    }
    return variables;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
