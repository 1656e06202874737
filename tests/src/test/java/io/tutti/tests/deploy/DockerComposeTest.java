package io.tutti.tests.deploy;

import static io.tutti.tests.deploy.Modules.APPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is written by hand; this keeps it honest against the modules it runs: their
 * ports, the TUTTI_* variables their application.properties read, health checks, start order and
 * the infra files it mounts.
 */
class DockerComposeTest {

  private static final List<String> INFRA = List.of("postgres", "rabbitmq", "keycloak");

  private static JsonNode services;

  @BeforeAll
  static void readComposeFile() throws IOException {
    Path compose = Modules.root().resolve("docker-compose.yml");
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
  void publishesEachServiceOnTheDefaultPortOfItsApplicationProperties() {
    for (var app : APPS.entrySet()) {
      String port = String.valueOf(Modules.httpPort(app.getValue()));
      String containerPort = environment(app.getKey()).getOrDefault("TUTTI_HTTP_PORT", port);
      assertThat(texts(services.path(app.getKey()).path("ports")))
          .as("%s ports", app.getKey())
          .contains(port + ":" + containerPort);
    }
  }

  @Test
  void setsOnlyVariablesTheServiceReads() {
    for (var app : APPS.entrySet()) {
      Set<String> referenced = Modules.referencedVariables(app.getValue());
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
  void setsEveryVariableTheServiceNeedsToReachItsInfrastructure() {
    for (var app : APPS.entrySet()) {
      Set<String> needed = new TreeSet<>(Modules.referencedVariables(app.getValue()));
      needed.retainAll(Modules.INFRASTRUCTURE_VARIABLES);
      assertThat(needed)
          .as("%s reads no infrastructure variables at all", app.getKey())
          .isNotEmpty();
      assertThat(environment(app.getKey()).keySet())
          .as("%s: compose environment", app.getKey())
          .containsAll(needed);
    }
  }

  @Test
  void givesEveryAppThatBuildsLinksTheSamePublicUrl() {
    Set<String> publicUrls = new TreeSet<>();
    for (var app : APPS.entrySet()) {
      if (Modules.referencedVariables(app.getValue()).contains("TUTTI_PUBLIC_URL")) {
        assertThat(environment(app.getKey()))
            .as("%s reads TUTTI_PUBLIC_URL", app.getKey())
            .containsKey("TUTTI_PUBLIC_URL");
        publicUrls.add(environment(app.getKey()).get("TUTTI_PUBLIC_URL"));
      }
    }
    // Webhook URLs (connectors), site snippets (attribution) and sign-in (gateway) name one
    // address.
    assertThat(publicUrls).hasSize(1);
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
  void appHealthChecksAskForReadinessOnTheServicesOwnPort() {
    for (var app : APPS.entrySet()) {
      assertThat(
              String.join(" ", texts(services.path(app.getKey()).path("healthcheck").path("test"))))
          .as("%s healthcheck", app.getKey())
          .contains(":" + Modules.httpPort(app.getValue()) + "/q/health/ready");
    }
  }

  @Test
  void buildsEachServiceFromItsModuleWithAFastJarDockerfile() {
    Path root = Modules.root();
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
      assertThat(Modules.root().resolve(source).normalize())
          .as("mounted %s", source)
          .isRegularFile();
    }
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
