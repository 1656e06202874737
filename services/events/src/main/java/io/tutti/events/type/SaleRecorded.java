package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.math.BigDecimal;
import java.time.Instant;

/** A customer bought something (attribution). */
public record SaleRecorded(
    String saleId,
    String contactId,
    String orderId,
    BigDecimal amount,
    String currency,
    Instant occurredAt)
    implements EventPayload {

  @Override
  public String type() {
    return EventTypes.SALE_RECORDED;
  }
}
