package io.tutti.bench.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWatchTest {

  @TempDir Path logs;

  @Test
  void countsOnlyErrorLinesWrittenAfterTheStart() throws Exception {
    Path connectors = logs.resolve("connectors.log");
    Files.writeString(connectors, "{\"level\":\"ERROR\",\"message\":\"before the run\"}\n");
    Files.writeString(logs.resolve("keycloak.log"), "");
    LogWatch watch = new LogWatch(logs).start();

    Files.writeString(
        connectors,
        "{\"level\":\"INFO\",\"message\":\"fine\"}\n"
            + "{\"level\":\"ERROR\",\"message\":\"consumer failed\"}\n"
            + "2026-12-03 14:00:00,000 ERROR [io.tutti] plain text failure\n"
            + "{\"level\":\"WARN\",\"message\":\"ERROR in a message is not a level\"}\n",
        StandardOpenOption.APPEND);
    Files.writeString(logs.resolve("profiles.log"), "{\"level\":\"INFO\"}\n");

    var errors = watch.errorsSince();

    assertThat(errors).containsOnlyKeys("connectors");
    assertThat(errors.get("connectors").count()).isEqualTo(2);
    assertThat(errors.get("connectors").first())
        .anySatisfy(line -> assertThat(line).contains("consumer failed"))
        .noneSatisfy(line -> assertThat(line).contains("before the run"));
  }
}
