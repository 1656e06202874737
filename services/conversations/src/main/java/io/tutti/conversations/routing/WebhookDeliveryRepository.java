package io.tutti.conversations.routing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

  /**
   * Claims a batch of due deliveries until {@code leaseUntil}: they are not due again before then,
   * so no other pass (nor replica) sends them meanwhile, and a pass that dies leaves them to be
   * sent after the lease. Rows another pass is claiming are skipped, not waited for. Run in a
   * transaction of its own, committed before anything is sent.
   */
  public Uni<List<WebhookDelivery>> claimDue(Instant now, Instant leaseUntil, int size) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .<UUID>createNativeQuery(
                        "select id from webhook_delivery where status = 'pending' and"
                            + " next_attempt_at <= :now order by next_attempt_at, id limit :size"
                            + " for update skip locked")
                    .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .setParameter("size", size)
                    .getResultList())
        .chain(this::findByIds)
        .invoke(claimed -> claimed.forEach(delivery -> delivery.nextAttemptAt = leaseUntil));
  }

  public Uni<List<WebhookDelivery>> findByIds(List<UUID> ids) {
    return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1 order by id", ids);
  }
}
