package io.tutti.attribution.conversion;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A recorded sale.
 *
 * @param status {@code credited}, or {@code awaiting_contact} while profiles resolves the buyer
 *     (until then it counts for {@code direct})
 * @param amount in the workspace's currency ({@code currency})
 * @param rate what one unit of the original currency was worth in the workspace's
 */
public record SaleView(
    String id,
    String orderId,
    String contactId,
    String status,
    BigDecimal amount,
    String currency,
    BigDecimal originalAmount,
    String originalCurrency,
    BigDecimal rate,
    Instant occurredAt) {

  static SaleView of(Conversion sale, String workspaceCurrency) {
    return new SaleView(
        sale.id.toString(),
        sale.orderId,
        sale.contactId == null ? null : sale.contactId.toString(),
        sale.contactId == null && sale.pendingIdentity != null ? "awaiting_contact" : "credited",
        sale.amount,
        workspaceCurrency,
        sale.originalAmount,
        sale.originalCurrency == null ? null : sale.originalCurrency.strip(),
        sale.rate,
        sale.occurredAt);
  }
}
