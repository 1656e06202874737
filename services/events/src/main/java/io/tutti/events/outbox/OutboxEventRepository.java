package io.tutti.events.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OutboxEventRepository implements PanacheRepositoryBase<OutboxEvent, UUID> {

  /**
   * Locks the oldest events that are due, skipping rows another relay (another replica) holds, so
   * two replicas never publish the same batch.
   */
  public Uni<List<OutboxEvent>> lockDueBatch(int size) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select * from outbox_event where published_at is null and next_attempt_at"
                            + " <= now() order by next_attempt_at, id limit :size for update skip"
                            + " locked",
                        OutboxEvent.class)
                    .setParameter("size", size)
                    .getResultList());
  }

  /**
   * Until the current transaction ends, PostgreSQL ends the session once it has been idle in the
   * transaction for {@code limit} ({@code idle_in_transaction_session_timeout}): its locks go with
   * it.
   */
  public Uni<Void> endIfIdleInTransactionFor(Duration limit) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select set_config('idle_in_transaction_session_timeout', :millis, true)")
                    .setParameter("millis", Long.toString(Math.max(1, limit.toMillis())))
                    .getSingleResult())
        .replaceWithVoid();
  }

  public Uni<Long> countPending() {
    return count("publishedAt is null");
  }

  public Uni<Long> deletePublishedBefore(Instant cutoff) {
    return delete("publishedAt < ?1", cutoff);
  }
}
