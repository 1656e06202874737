package io.tutti.tests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every app drains on SIGTERM (in-flight requests finish, then the consumers stop) for a bounded
 * time, and whoever stops it waits longer than that before SIGKILL: the launcher's
 * TUTTI_STOP_TIMEOUT, and on Kubernetes the chart's grace period after its preStop pause.
 */
class GracefulShutdownTest {

  private static final Pattern TIMEOUT = Pattern.compile("\\$\\{TUTTI_SHUTDOWN_TIMEOUT:(\\d+)s}");
  private static final Pattern LAUNCHER_STOP =
      Pattern.compile(": \"\\$\\{TUTTI_STOP_TIMEOUT:=(\\d+)}\"");
  private static final Pattern PRE_STOP_SLEEP =
      Pattern.compile("command: \\[\"sleep\", \"(\\d+)\"]");

  @Test
  void everyAppDrainsForLessTimeThanItsStopperWaits() throws Exception {
    Matcher launcher = LAUNCHER_STOP.matcher(Files.readString(Modules.root().resolve("tutti")));
    assertThat(launcher.find()).as("the launcher's TUTTI_STOP_TIMEOUT default").isTrue();
    Duration launcherWaits = Duration.ofSeconds(Long.parseLong(launcher.group(1)));

    String deployment =
        Files.readString(Modules.root().resolve("helm/tutti/templates/deployment.yaml"));
    Matcher preStop = PRE_STOP_SLEEP.matcher(deployment);
    assertThat(preStop.find()).as("the chart's preStop pause").isTrue();
    JsonNode values =
        new YAMLMapper().readTree(Modules.root().resolve("helm/tutti/values.yaml").toFile());
    Duration podWaits =
        Duration.ofSeconds(
            values.path("defaults").path("terminationGracePeriodSeconds").asLong()
                - Long.parseLong(preStop.group(1)));

    for (Map.Entry<String, String> app : Modules.APPS.entrySet()) {
      String timeout =
          Modules.properties(app.getValue()).getProperty("%prod.quarkus.shutdown.timeout");
      assertThat(timeout).as("%s drains on SIGTERM", app.getKey()).isNotNull();
      Matcher seconds = TIMEOUT.matcher(timeout);
      assertThat(seconds.matches())
          .as("%s: %s is ${TUTTI_SHUTDOWN_TIMEOUT:<n>s}", app.getKey(), timeout)
          .isTrue();
      Duration drains = Duration.ofSeconds(Long.parseLong(seconds.group(1)));
      assertThat(drains).as("%s drains", app.getKey()).isPositive();
      assertThat(drains)
          .as("%s within the launcher's wait", app.getKey())
          .isLessThan(launcherWaits);
      assertThat(drains).as("%s within the pod's grace", app.getKey()).isLessThan(podWaits);
    }
  }
}
