package io.tutti.connectors.inbound;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

  public Uni<Long> deleteReceivedBefore(Instant cutoff) {
    return delete("receivedAt < ?1", cutoff);
  }
}
