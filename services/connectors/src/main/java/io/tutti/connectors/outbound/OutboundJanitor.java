package io.tutti.connectors.outbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.config.ConnectorsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fails the sends that a stopped process left in sending (their lease ran out), and deletes
 * finished replies once older than the delivery retention.
 */
@ApplicationScoped
public class OutboundJanitor {

  private final OutboundMessageRepository messages;
  private final OutboundRecorder recorder;
  private final ConnectorsConfig config;

  public OutboundJanitor(
      OutboundMessageRepository messages, OutboundRecorder recorder, ConnectorsConfig config) {
    this.messages = messages;
    this.recorder = recorder;
    this.config = config;
  }

  @Scheduled(
      identity = "tutti-outbound-leases",
      every = "${tutti.connectors.outbound.lease-check-interval:30s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> failInterrupted() {
    return Panache.withSession(
            () ->
                messages
                    .lockExpiredLeases(Instant.now(), 100)
                    .map(expired -> expired.stream().map(message -> message.id).toList()))
        .chain(this::failEach);
  }

  private Uni<Void> failEach(List<UUID> ids) {
    return Multi.createFrom()
        .iterable(ids)
        .onItem()
        .transformToUniAndConcatenate(
            id ->
                recorder.failed(
                    id,
                    SendFailure.interrupted(
                        "interrupted",
                        "Tutti stopped while sending this reply, so the customer may or may not"
                            + " have it; an admin can send it again from the dead letters."),
                    1))
        .collect()
        .last()
        .replaceWithVoid();
  }

  @Scheduled(
      identity = "tutti-outbound-janitor",
      every = "1h",
      delayed = "5m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> deleteFinished() {
    Instant cutoff = Instant.now().minus(config.deliveryRetention());
    return Panache.withTransaction(
        () ->
            messages
                .delete("finishedAt < ?1 and state in ('sent', 'delivered', 'failed')", cutoff)
                .replaceWithVoid());
  }
}
