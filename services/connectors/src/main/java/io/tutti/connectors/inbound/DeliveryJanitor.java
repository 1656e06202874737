package io.tutti.connectors.inbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.config.ConnectorsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Deletes raw deliveries and their message ids once older than the retention, which must outlast
 * the platforms' retry windows (WhatsApp retries for up to 7 days).
 */
@ApplicationScoped
public class DeliveryJanitor {

  private final WebhookDeliveryRepository deliveries;
  private final InboundKeyRepository keys;
  private final ConnectorsConfig config;

  public DeliveryJanitor(
      WebhookDeliveryRepository deliveries, InboundKeyRepository keys, ConnectorsConfig config) {
    this.deliveries = deliveries;
    this.keys = keys;
    this.config = config;
  }

  @Scheduled(
      identity = "tutti-delivery-janitor",
      every = "1h",
      delayed = "5m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> deleteExpired() {
    Instant cutoff = Instant.now().minus(config.deliveryRetention());
    return Panache.withTransaction(
        () ->
            deliveries
                .deleteReceivedBefore(cutoff)
                .chain(() -> keys.deleteBefore(cutoff))
                .replaceWithVoid());
  }
}
