package io.tutti.events.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * What every service with a database must show besides {@link ServiceEndpointsContract}: ready only
 * with its database and broker, and migrated by Flyway, the event tables included.
 */
public abstract class ServiceHealthContract extends ServiceEndpointsContract {

  @Inject Pool pool;
  @Inject Flyway flyway;

  @Override
  protected List<String> readinessChecks() {
    return List.of(
        "Reactive PostgreSQL connections health check", "RabbitMQ broker (outbox relay)");
  }

  @Test
  void flywayAppliedTheEventTables() {
    List<String> applied = new ArrayList<>();
    for (Row row :
        pool.query(
                "select description from flyway_schema_history where success order by"
                    + " installed_rank")
            .executeAndAwait()) {
      applied.add(row.getString("description"));
    }
    assertThat(applied).contains("outbox and processed events");
    // The history table may survive from an earlier run; nothing pending means this start migrated.
    assertThat(flyway.info().pending()).isEmpty();
  }
}
