package io.tutti.attribution.conversion;

import io.smallrye.mutiny.Uni;
import io.tutti.events.EventEnvelope;
import io.tutti.events.UuidV7;
import io.tutti.events.outbox.Outbox;
import io.tutti.events.type.SaleRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Records conversions once each (by their dedupe key) and credits them. */
@ApplicationScoped
public class Conversions {

  static final String SOURCE = "attribution";

  private final CreditEngine credit;
  private final Outbox outbox;

  public Conversions(CreditEngine credit, Outbox outbox) {
    this.credit = credit;
    this.outbox = outbox;
  }

  /** A contact was created, or qualified: counted once per contact. */
  public Uni<Void> reached(String workspaceId, String kind, UUID contactId, Instant at) {
    String key = kind + ":" + contactId;
    return byKey(workspaceId, key)
        .chain(
            held -> {
              if (held != null) {
                return Uni.createFrom().voidItem();
              }
              Conversion conversion = newConversion(workspaceId, kind, at, key);
              conversion.contactId = contactId;
              return conversion.persist().chain(() -> credit.recredit(workspaceId, contactId));
            });
  }

  public static Conversion newConversion(
      String workspaceId, String kind, Instant at, String dedupeKey) {
    Conversion conversion = new Conversion();
    conversion.id = UuidV7.next();
    conversion.workspaceId = workspaceId;
    conversion.kind = kind;
    conversion.occurredAt = at.truncatedTo(ChronoUnit.MICROS);
    conversion.counted = true;
    conversion.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    conversion.dedupeKey = dedupeKey;
    return conversion;
  }

  public static Uni<Conversion> byKey(String workspaceId, String dedupeKey) {
    return Conversion.<Conversion>find(
            "workspaceId = ?1 and dedupeKey = ?2", workspaceId, dedupeKey)
        .firstResult();
  }

  /** Publishes {@code sale.recorded} once the sale has a contact (profiles makes it a customer). */
  public Uni<Void> announce(Conversion sale) {
    if (sale.saleAnnounced || sale.contactId == null) {
      return Uni.createFrom().voidItem();
    }
    sale.saleAnnounced = true;
    return outbox
        .add(
            EventEnvelope.of(
                SOURCE,
                sale.workspaceId,
                null,
                new SaleRecorded(
                    sale.id.toString(),
                    sale.contactId.toString(),
                    sale.orderId,
                    sale.originalAmount,
                    sale.originalCurrency.strip(),
                    sale.occurredAt)))
        .replaceWithVoid();
  }
}
