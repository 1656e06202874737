package io.tutti.events.consumer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class ProcessedEventRepository
    implements PanacheRepositoryBase<ProcessedEvent, ProcessedEvent.Key> {

  /**
   * Records that {@code consumer} handles {@code eventId} in the current transaction.
   *
   * @return true the first time; false when the event was already handled (a concurrent first
   *     attempt waits on the primary key until the other transaction ends, then sees its row)
   */
  public Uni<Boolean> claim(String consumer, UUID eventId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into processed_event (consumer, event_id, processed_at)"
                            + " values (:consumer, :eventId, now()) on conflict do nothing")
                    .setParameter("consumer", consumer)
                    .setParameter("eventId", eventId)
                    .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  public Uni<Boolean> isProcessed(String consumer, UUID eventId) {
    return findById(new ProcessedEvent.Key(consumer, eventId)).map(found -> found != null);
  }

  public Uni<Long> deleteProcessedBefore(Instant cutoff) {
    return delete("processedAt < ?1", cutoff);
  }
}
