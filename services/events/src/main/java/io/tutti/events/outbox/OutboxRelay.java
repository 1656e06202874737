package io.tutti.events.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Moves committed outbox events to the broker. Each pass locks a batch of due events (skipping rows
 * another replica holds), publishes them with confirms and, in the same transaction, stamps the
 * confirmed ones as published and schedules a retry with exponential backoff for the refused ones.
 * A pass that ends in a crash leaves the rows unstamped, so they are published again: delivery is
 * at least once, and consumers deduplicate on the event id ({@link
 * io.tutti.events.consumer.IdempotentConsumer}).
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final OutboxEventRepository repository;
  private final BrokerPublisher publisher;
  private final OutboxConfig config;
  private final Vertx vertx;
  private final Counter published;
  private final Counter refused;
  private final AtomicInteger brokerFailures = new AtomicInteger();
  private final AtomicBoolean passRunning = new AtomicBoolean();
  private volatile boolean paused;
  private volatile long timerId = -1;
  private volatile Instant nextConnectAttempt = Instant.EPOCH;

  public OutboxRelay(
      OutboxEventRepository repository,
      BrokerPublisher publisher,
      OutboxConfig config,
      Vertx vertx,
      MeterRegistry registry) {
    this.repository = repository;
    this.publisher = publisher;
    this.config = config;
    this.vertx = vertx;
    this.published = registry.counter("tutti.outbox.published");
    this.refused = registry.counter("tutti.outbox.refused");
  }

  /** Stops publishing after the pass in progress; events keep accumulating in the outbox. */
  public void pause() {
    paused = true;
  }

  /** Publishing goes on from where it stopped. */
  public void resume() {
    paused = false;
  }

  public boolean isPaused() {
    return paused;
  }

  /** Whether a pass is publishing right now. */
  public boolean isPassRunning() {
    return passRunning.get();
  }

  void start(@Observes StartupEvent event) {
    if (config.enabled()) {
      timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> tick());
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  private void tick() {
    if (paused
        || Instant.now().isBefore(nextConnectAttempt)
        || !passRunning.compareAndSet(false, true)) {
      return;
    }
    // Hibernate Reactive needs its own (duplicated, safe) context per unit of work.
    Context context =
        VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(
        ignored ->
            drain()
                .onTermination()
                .invoke(() -> passRunning.set(false))
                .subscribe()
                .with(count -> {}, failure -> LOG.errorf(failure, "outbox relay pass failed")));
  }

  /**
   * Publishes due events batch after batch until a batch comes back short.
   *
   * @return how many events were confirmed by the broker
   */
  public Uni<Integer> drain() {
    AtomicInteger confirmed = new AtomicInteger();
    return publishOneBatch()
        .repeat()
        .whilst(batch -> batch.size() == config.batchSize() && !paused)
        .onItem()
        .invoke(batch -> confirmed.addAndGet(batch.confirmed()))
        .collect()
        .last()
        .map(ignored -> confirmed.get());
  }

  /** One pass over at most one batch of due events. */
  public Uni<BatchResult> publishOneBatch() {
    return Panache.withTransaction(
            () -> {
              // Confirms arrive on the broker client's event loop; the session that marks the rows
              // published belongs to this context, and using it from another thread fails the
              // transaction after the broker already has the events (they would go out twice).
              io.vertx.core.Context session = io.vertx.core.Vertx.currentContext();
              return repository
                  .lockDueBatch(config.batchSize())
                  .chain(
                      batch ->
                          batch.isEmpty()
                              ? Uni.createFrom().item(new BatchResult(0, 0))
                              // A pass stalled after a broker restart once kept its batch locked
                              // until the service restarted; PostgreSQL now ends such a session.
                              : repository
                                  .endIfIdleInTransactionFor(config.stalledPassLimit())
                                  .chain(() -> publisher.publish(batch, config.confirmTimeout()))
                                  .emitOn(task -> onContext(session, task))
                                  .map(this::record));
            })
        .invoke(ignored -> brokerReachable())
        .onFailure()
        .recoverWithItem(this::brokerUnreachable);
  }

  private static void onContext(io.vertx.core.Context context, Runnable task) {
    if (context == null || context == io.vertx.core.Vertx.currentContext()) {
      task.run();
    } else {
      context.runOnContext(ignored -> task.run());
    }
  }

  private BatchResult record(List<BrokerPublisher.Outcome> outcomes) {
    Instant now = Instant.now();
    int confirmed = 0;
    for (BrokerPublisher.Outcome outcome : outcomes) {
      OutboxEvent event = outcome.event();
      if (outcome.published()) {
        event.publishedAt = now;
        event.lastError = null;
        confirmed++;
      } else {
        event.attempts++;
        event.nextAttemptAt = now.plus(backoff(event.attempts));
        event.lastError = truncate(outcome.failure().getMessage());
        LOG.warnf(
            "event %s (%s) not published, attempt %d: %s",
            event.id, event.type, event.attempts, event.lastError);
      }
    }
    published.increment(confirmed);
    refused.increment(outcomes.size() - confirmed);
    return new BatchResult(outcomes.size(), confirmed);
  }

  private Duration backoff(int attempts) {
    long factor = 1L << Math.min(attempts - 1, 20);
    Duration delay = config.initialBackoff().multipliedBy(factor);
    return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
  }

  private void brokerReachable() {
    if (brokerFailures.getAndSet(0) > 0) {
      LOG.info("outbox relay is publishing again");
    }
    nextConnectAttempt = Instant.EPOCH;
  }

  private BatchResult brokerUnreachable(Throwable failure) {
    int failures = brokerFailures.incrementAndGet();
    Duration wait = backoff(Math.min(failures, 6)).dividedBy(2);
    nextConnectAttempt = Instant.now().plus(wait);
    if (failures == 1 || failures % 20 == 0) {
      LOG.warnf(
          "outbox relay cannot publish (%d failed passes, next try in %s): %s",
          failures, wait, failure.getMessage());
    }
    return new BatchResult(0, 0);
  }

  private static String truncate(String message) {
    if (message == null) {
      return "unknown";
    }
    return message.length() > 1000 ? message.substring(0, 1000) : message;
  }

  /** How many events one pass handled and how many of them the broker confirmed. */
  public record BatchResult(int size, int confirmed) {}
}
