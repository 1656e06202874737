package io.tutti.conversations.assignment;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.Conversation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * How long customers wait for an agent, the number operators staff by:
 *
 * <ul>
 *   <li>{@code tutti.assignment.wait}: from the moment a conversation started waiting (it opened,
 *       or opened again, or lost its agent, with nobody assigned: {@link
 *       Conversation#awaitingAgentSince}) to the moment an agent got it, tagged by {@code how}
 *       ({@link #AUTOMATIC} a team's strategy or its queue, {@link #RULE} a routing rule naming the
 *       agent, {@link #MANUAL} a person through the API) and {@code channel}. A percentile
 *       histogram from a second to a day. A conversation handed from one agent to another waited
 *       for nobody and is not counted.
 *   <li>{@code tutti.assignment.waiting}: conversations open with nobody assigned now, and {@code
 *       tutti.assignment.oldest.age} how long the longest of them has waited, in seconds. Read
 *       every {@link io.tutti.conversations.config.AssignmentConfig#metricsInterval()} by one query
 *       over a small partial index, never per scrape. Every replica reads the same table: take the
 *       maximum across pods, not the sum.
 * </ul>
 *
 * Never tagged by workspace, team or agent: those are for the reports, not for a time series per
 * tenant.
 */
@Startup
@ApplicationScoped
public class AssignmentMetrics {

  /** A team's strategy picked the agent, at once or when the team's queue was served. */
  public static final String AUTOMATIC = "automatic";

  /** A routing rule named the agent. */
  public static final String RULE = "rule";

  /** A person assigned the agent through the API. */
  public static final String MANUAL = "manual";

  private static final Logger LOG = Logger.getLogger(AssignmentMetrics.class);

  private final MeterRegistry registry;
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicLong oldestAgeMillis = new AtomicLong();

  public AssignmentMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("tutti.assignment.waiting", waiting, AtomicLong::get)
        .description("Open conversations with nobody assigned")
        .register(registry);
    Gauge.builder("tutti.assignment.oldest.age", oldestAgeMillis, age -> age.get() / 1000.0)
        .description("How long the longest-waiting open conversation without an agent has waited")
        .baseUnit("seconds")
        .register(registry);
  }

  /**
   * An agent gets {@code c}, which had none, at {@code at}. Call before the row is written: the
   * write ends its wait.
   */
  public void assigned(Conversation c, String how, Instant at) {
    if (c.awaitingAgentSince == null) {
      // Snoozed, pending or resolved: it was not waiting for anyone.
      return;
    }
    Duration waited = Duration.between(c.awaitingAgentSince, at);
    Timer.builder("tutti.assignment.wait")
        .description("From a conversation starting to wait for an agent to an agent getting it")
        .tag("how", how)
        .tag("channel", c.channel)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofSeconds(1))
        .maximumExpectedValue(Duration.ofDays(1))
        .register(registry)
        .record(waited.isNegative() ? Duration.ZERO : waited);
  }

  @Scheduled(
      identity = "conversations-assignment-metrics",
      every = "${tutti.assignment.metrics-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduledRefresh() {
    return refresh()
        .onFailure()
        .recoverWithItem(
            failure -> {
              // The last values stay; the readiness check says when the database is down.
              LOG.debugf("assignment metrics not refreshed: %s", failure.getMessage());
              return null;
            });
  }

  /**
   * Counts what waits. The status and assignee are checked too, so a row another version of the
   * service wrote during a rolling update (without keeping the column) is not counted.
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
                                        + " min(awaiting_agent_since)) * 1000 as bigint), 0) from"
                                        + " conversation where awaiting_agent_since is not null"
                                        + " and status = 'open' and assignee_id is null",
                                    Object[].class)
                                .getSingleResult()))
        .invoke(
            row -> {
              waiting.set(((Number) row[0]).longValue());
              oldestAgeMillis.set(Math.max(0, ((Number) row[1]).longValue()));
            })
        .replaceWithVoid();
  }
}
