package io.tutti.connectors.outbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * When each customer last wrote to each inbox, for the platforms that allow free-form replies only
 * for a while after it (Messenger, Instagram, WhatsApp: 24 hours).
 */
@ApplicationScoped
public class ContactWindowRepository {

  /** Records a customer's message in the current transaction; an older one changes nothing. */
  public Uni<Void> touch(UUID inboxId, String externalContactId, Instant at) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into contact_window (inbox_id, external_contact_id,"
                            + " last_inbound_at) values (:inbox, :contact, :at) on conflict"
                            + " (inbox_id, external_contact_id) do update set last_inbound_at ="
                            + " greatest(contact_window.last_inbound_at, excluded.last_inbound_at)")
                    .setParameter("inbox", inboxId)
                    .setParameter("contact", externalContactId)
                    .setParameter("at", at)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** When the customer last wrote to the inbox, or null when they never did. */
  public Uni<Instant> lastInbound(UUID inboxId, String externalContactId) {
    return Panache.getSession()
        .chain(
            session ->
                // Microseconds since the epoch: a native query typed Instant.class would add a plan
                // to Hibernate's query plan cache on every call (its result builder has no equals).
                session
                    .<Number>createNativeQuery(
                        "select cast(extract(epoch from last_inbound_at) * 1000000 as bigint) from"
                            + " contact_window where inbox_id = :inbox and external_contact_id ="
                            + " :contact")
                    .setParameter("inbox", inboxId)
                    .setParameter("contact", externalContactId)
                    .getResultList())
        .map(
            (List<Number> found) ->
                found.isEmpty()
                    ? null
                    : Instant.EPOCH.plus(found.getFirst().longValue(), ChronoUnit.MICROS));
  }
}
