package io.tutti.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosRunTest {

  @Test
  void withoutFaultsNamedEveryFaultRunsInOrder() {
    ChaosRun.Options options = ChaosRun.Options.parse(new String[] {"--rate", "25"});

    assertThat(options.faults()).isEqualTo(ChaosRun.ALL_FAULTS);
    assertThat(options.rate()).isEqualTo(25);
    assertThat(options.pause()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void unknownFaultsAndOptionsAreRefusedBeforeAnythingRuns() {
    assertThatThrownBy(() -> ChaosRun.Options.parse(new String[] {"--faults", "kill:keycloak"}))
        .hasMessageContaining("unknown fault kill:keycloak");
    assertThatThrownBy(() -> ChaosRun.Options.parse(new String[] {"--faults", "restart:redis"}))
        .hasMessageContaining("unknown fault restart:redis");
    assertThatThrownBy(() -> ChaosRun.Options.parse(new String[] {"--speed", "9"}))
        .hasMessageContaining("unknown options [speed]");
  }

  @Test
  void aRunIsKeptOnlyWhenNothingIsLostTwiceStuckOrDeadLettered() {
    ChaosRun.Row clean = row("kill:gateway", 0, 0, 0, 3.2);

    assertThat(report(List.of(clean), 0, List.of()).kept()).isTrue();
    assertThat(report(List.of(row("kill:gateway", 1, 0, 0, 3.2)), 0, List.of()).kept()).isFalse();
    assertThat(report(List.of(row("kill:gateway", 0, 1, 0, 3.2)), 0, List.of()).kept()).isFalse();
    assertThat(report(List.of(row("kill:gateway", 0, 0, 1, 3.2)), 0, List.of()).kept()).isFalse();
    assertThat(report(List.of(row("kill:gateway", 0, 0, 0, -1)), 0, List.of()).kept()).isFalse();
    assertThat(report(List.of(clean), 2, List.of()).kept()).isFalse();
    assertThat(
            report(
                    List.of(clean),
                    0,
                    List.of(
                        new QueueProbe.DeadLetters("conversations.message-received.dlq", 1, "")))
                .kept())
        .isFalse();
  }

  @Test
  void theTableHasARowPerFaultAndSaysWhatWasLeftBehind() {
    String table =
        ChaosRun.table(
            report(
                List.of(row("restart:rabbitmq", 0, 0, 0, 12.34), row("kill:gateway", 2, 0, 0, -1)),
                0,
                List.of(
                    new QueueProbe.DeadLetters(
                        "profiles.identity-observed.dlq", 3, "routing key identity.observed"))));

    assertThat(table)
        .contains("| restart:rabbitmq | 100 | 90 | 90 | 0 | 0 | 1 | 5 | 5 | 0 | 12.3 s |")
        .contains("| kill:gateway | 100 | 90 | 88 | 0 | 2 | 1 | 5 | 5 | 0 | not recovered |")
        .contains(
            "Dead-lettered in profiles.identity-observed.dlq: 3 (first: routing key"
                + " identity.observed)")
        .endsWith("NOT KEPT\n");
  }

  private static ChaosRun.Row row(
      String fault, long lost, long duplicates, long repliesTwice, double recovery) {
    return new ChaosRun.Row(
        fault, 100, 90, 90 - lost, duplicates, lost, 1, 5, 5, repliesTwice, recovery);
  }

  private static ChaosRun.Report report(
      List<ChaosRun.Row> rows, long outbox, List<QueueProbe.DeadLetters> dead) {
    return new ChaosRun.Report("2026-12-03T00:00:00Z", "test", rows, outbox, 0, dead, 0, 0);
  }
}
