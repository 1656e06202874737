package io.tutti.bench.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresRawTest {

  @Test
  void serverDefaultsAreTheLaunchers() {
    assertThat(PostgresRaw.Server.fromEnvironment(Map.of()))
        .isEqualTo(new PostgresRaw.Server("127.0.0.1", 5432, "tutti", "tutti"));
  }

  @Test
  void serverFollowsTheEnvironment() {
    var server =
        PostgresRaw.Server.fromEnvironment(
            Map.of(
                "TUTTI_DB_HOST", "db",
                "TUTTI_DB_PORT", "6543",
                "TUTTI_DB_USER", "bench",
                "TUTTI_DB_PASSWORD", "x"));

    assertThat(server.url("tutti_bench_raw"))
        .isEqualTo("jdbc:postgresql://db:6543/tutti_bench_raw");
    assertThat(server.user()).isEqualTo("bench");
  }

  @Test
  void payloadIsTheSizeOfAnOutboxEvent() {
    assertThat(PostgresRaw.PAYLOAD.getBytes(StandardCharsets.UTF_8)).hasSize(300);
    assertThat(PostgresRaw.PAYLOAD).startsWith("{\"type\":").endsWith("\"}");
  }
}
