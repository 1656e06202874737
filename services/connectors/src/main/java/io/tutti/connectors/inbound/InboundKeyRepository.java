package io.tutti.connectors.inbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** The platform ids already turned into events, per inbox. */
@ApplicationScoped
public class InboundKeyRepository {

  /**
   * Claims {@code key} for {@code inboxId} in the current transaction.
   *
   * @return true the first time; false when it was claimed before (a concurrent claim waits on the
   *     primary key until the other transaction ends, then sees its row)
   */
  public Uni<Boolean> claim(UUID inboxId, String key, UUID deliveryId, Instant at) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into inbound_key (inbox_id, key, delivery_id, created_at)"
                            + " values (:inbox, :key, :delivery, :at) on conflict do nothing")
                    .setParameter("inbox", inboxId)
                    .setParameter("key", key)
                    .setParameter("delivery", deliveryId)
                    .setParameter("at", at)
                    .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  public Uni<Integer> deleteBefore(Instant cutoff) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery("delete from inbound_key where created_at < :cutoff")
                    .setParameter("cutoff", cutoff)
                    .executeUpdate());
  }
}
