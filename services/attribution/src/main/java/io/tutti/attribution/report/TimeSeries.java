package io.tutti.attribution.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A report per day or week (weeks start on Monday), for charts.
 *
 * @param points one per period and key that had anything, oldest first
 */
public record TimeSeries(
    LocalDate from,
    LocalDate to,
    String model,
    String groupBy,
    String interval,
    String timeZone,
    String currency,
    List<Point> points) {

  public record Point(
      LocalDate period,
      String key,
      long sessions,
      BigDecimal contacts,
      BigDecimal qualified,
      BigDecimal sales,
      BigDecimal revenue) {}
}
