package io.tutti.events.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * How far the outbox is behind: {@code tutti.outbox.pending} (events written but not yet confirmed
 * by the broker) and {@code tutti.outbox.oldest.age} (seconds since the oldest of them was
 * written). A broker outage shows as both growing while the service keeps accepting work.
 *
 * <p>Scraping never touches the database: the gauges read values that one small query refreshes
 * every {@link OutboxConfig#metricsInterval()}, however often and by however many scrapers the
 * metrics are read. Every replica reads the same table, so each reports the same backlog: take the
 * maximum across a service's pods, not the sum.
 */
@Startup
@ApplicationScoped
public class OutboxMetrics {

  private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong oldestAgeMillis = new AtomicLong();

  public OutboxMetrics(MeterRegistry registry) {
    Gauge.builder("tutti.outbox.pending", pending, AtomicLong::get)
        .description(
            "Outbox events not yet published (refreshed every tutti.outbox.metrics-interval)")
        .register(registry);
    Gauge.builder("tutti.outbox.oldest.age", oldestAgeMillis, age -> age.get() / 1000.0)
        .description("Age of the oldest outbox event not yet published; 0 when none waits")
        .baseUnit("seconds")
        .register(registry);
  }

  @Scheduled(
      identity = "tutti-outbox-metrics",
      every = "${tutti.outbox.metrics-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduledRefresh() {
    return refresh()
        .onFailure()
        .recoverWithItem(
            failure -> {
              // The last values stay; the readiness checks say what is down.
              LOG.debugf("outbox metrics not refreshed: %s", failure.getMessage());
              return null;
            });
  }

  /**
   * Reads the backlog once. The count walks only the partial index of unpublished rows, which stays
   * small while the broker keeps up.
   */
  Uni<Void> refresh() {
    return Panache.withSession(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(
                                    "select count(*), coalesce(cast(extract(epoch from now() -"
                                        + " min(created_at)) * 1000 as bigint), 0) from"
                                        + " outbox_event where published_at is null",
                                    Object[].class)
                                .getSingleResult()))
        .invoke(
            row -> {
              pending.set(((Number) row[0]).longValue());
              oldestAgeMillis.set(Math.max(0, ((Number) row[1]).longValue()));
            })
        .replaceWithVoid();
  }
}
