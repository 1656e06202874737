package io.tutti.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@code ./tutti chaos}, in every {@code ./tutti test}: under a steady load of
 * signed webhooks and answering agents, RabbitMQ restarts, conversations is killed with SIGKILL,
 * PostgreSQL restarts and connectors stops for ten seconds; afterwards every webhook answered 200
 * is stored exactly once, no reply reached the platform twice, the outboxes are empty and no new
 * dead letters appeared. The bench module builds after every other, so nothing runs beside it.
 */
class ChaosIT {

  @Test
  void underRestartsAndKillsEveryAcceptedWebhookIsStoredOnceAndNothingIsStuck() throws Exception {
    Map<String, String> variables = new HashMap<>(System.getenv());
    // Failsafe runs in bench/; the launcher is one up.
    variables.put("TUTTI_ROOT", Path.of("").toAbsolutePath().getParent().toString());
    ChaosRun.Options options =
        ChaosRun.Options.parse(
            new String[] {
              "--faults", "restart:rabbitmq,kill:conversations,restart:postgres,stop:connectors",
              "--rate", "20",
              "--settle", "5",
              "--pause", "10",
              "--agents", "2",
              "--drain", "120"
            });

    ChaosRun.Report report = new ChaosRun(options, new Env(variables)).run("ChaosIT");
    System.out.print(ChaosRun.table(report));

    assertThat(report.rows())
        .extracting(ChaosRun.Row::fault)
        .containsExactly(
            "restart:rabbitmq", "kill:conversations", "restart:postgres", "stop:connectors");
    assertThat(report.rows())
        .allSatisfy(
            row -> {
              assertThat(row.accepted()).as("%s: webhooks accepted", row.fault()).isPositive();
              assertThat(row.lost()).as("%s: accepted, never stored", row.fault()).isZero();
              assertThat(row.duplicates()).as("%s: stored twice", row.fault()).isZero();
              assertThat(row.repliesTwice()).as("%s: replies sent twice", row.fault()).isZero();
              assertThat(row.recoverySeconds()).as("%s: recovered", row.fault()).isNotNegative();
            });
    assertThat(report.rows().stream().mapToLong(ChaosRun.Row::repliesRequested).sum())
        .as("replies asked for through the faults")
        .isPositive();
    assertThat(report.outboxUnpublished()).as("events left in an outbox").isZero();
    assertThat(report.newDeadLetters()).as("new dead letters").isEmpty();
  }
}
