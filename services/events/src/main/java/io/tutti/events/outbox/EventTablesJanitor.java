package io.tutti.events.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tutti.events.consumer.ProcessedEventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Deletes published outbox rows and processed-event ids older than the configured retention. */
@ApplicationScoped
public class EventTablesJanitor {

  private final OutboxEventRepository outbox;
  private final ProcessedEventRepository processed;
  private final OutboxConfig config;

  public EventTablesJanitor(
      OutboxEventRepository outbox, ProcessedEventRepository processed, OutboxConfig config) {
    this.outbox = outbox;
    this.processed = processed;
    this.config = config;
  }

  @Scheduled(
      identity = "tutti-event-tables-janitor",
      every = "1h",
      delayed = "5m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> deleteExpired() {
    Instant cutoff = Instant.now().minus(config.retention());
    return Panache.withTransaction(
        () ->
            outbox
                .deletePublishedBefore(cutoff)
                .chain(() -> processed.deleteProcessedBefore(cutoff))
                .replaceWithVoid());
  }
}
