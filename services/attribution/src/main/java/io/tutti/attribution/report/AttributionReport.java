package io.tutti.attribution.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A report: one row per channel or campaign, and the totals (which equal the number of conversions
 * and the revenue; rows are rounded so that they add up to them).
 *
 * @param timeZone the zone {@code from} and {@code to} are dates in
 * @param currency the currency of revenue
 * @param converted sales in other currencies in the range, and the rates they were converted at
 */
public record AttributionReport(
    LocalDate from,
    LocalDate to,
    String model,
    String groupBy,
    String timeZone,
    String currency,
    List<ReportRow> rows,
    ReportRow totals,
    List<Converted> converted) {

  /** Sales in another currency, converted to the workspace's at {@code rate}. */
  public record Converted(String currency, BigDecimal rate, long sales) {}
}
