package io.tutti.attribution.report;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tutti.attribution.persistence.NativeSql;
import io.tutti.attribution.settings.Settings;
import io.tutti.attribution.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports from the daily roll-ups: a 90-day report reads at most 90 days × channels × campaigns
 * rows per model, however many touches and conversions lie behind them.
 */
@ApplicationScoped
public class ReportService {

  /** The key of touches without a campaign, when grouped by campaign. */
  public static final String NO_CAMPAIGN = "(none)";

  private final SettingsService settings;

  public ReportService(SettingsService settings) {
    this.settings = settings;
  }

  private static final class Sums {
    long sessions;
    BigDecimal contacts = BigDecimal.ZERO;
    BigDecimal qualified = BigDecimal.ZERO;
    BigDecimal sales = BigDecimal.ZERO;
    BigDecimal revenue = BigDecimal.ZERO;
  }

  @WithSession
  public Uni<AttributionReport> report(String workspaceId, ReportQuery query) {
    String key = query.groupBy();
    Map<String, Object> params = params(workspaceId, query);
    return settings
        .of(workspaceId)
        .chain(
            found ->
                NativeSql.rows(
                        "select "
                            + key
                            + ", sum(contacts), sum(qualified), sum(sales),"
                            + " sum(revenue) from conversion_rollup where workspace_id = :ws and"
                            + " model = :model and day between :from and :to group by "
                            + key,
                        params)
                    .chain(
                        credit ->
                            NativeSql.rows(
                                    "select "
                                        + key
                                        + ", sum(sessions) from session_rollup where"
                                        + " workspace_id = :ws and day between :from and :to"
                                        + " group by "
                                        + key,
                                    sessionParams(workspaceId, query))
                                .chain(
                                    sessions ->
                                        converted(workspaceId, found, query)
                                            .map(
                                                conv ->
                                                    build(query, found, credit, sessions, conv)))));
  }

  @WithSession
  public Uni<TimeSeries> timeseries(String workspaceId, ReportQuery query) {
    String key = query.groupBy();
    String period =
        query.interval().equals("week") ? "cast(date_trunc('week', day) as date)" : "day";
    Map<String, Object> params = params(workspaceId, query);
    return settings
        .of(workspaceId)
        .chain(
            found ->
                NativeSql.rows(
                        "select "
                            + period
                            + ", "
                            + key
                            + ", sum(contacts), sum(qualified),"
                            + " sum(sales), sum(revenue) from conversion_rollup where"
                            + " workspace_id = :ws and model = :model and day between :from and"
                            + " :to group by 1, 2",
                        params)
                    .chain(
                        credit ->
                            NativeSql.rows(
                                    "select "
                                        + period
                                        + ", "
                                        + key
                                        + ", sum(sessions) from"
                                        + " session_rollup where workspace_id = :ws and day"
                                        + " between :from and :to group by 1, 2",
                                    sessionParams(workspaceId, query))
                                .map(sessions -> series(query, found, credit, sessions))));
  }

  private static Map<String, Object> params(String workspaceId, ReportQuery query) {
    return Map.of(
        "ws", workspaceId, "model", query.model().id(), "from", query.from(), "to", query.to());
  }

  private static Map<String, Object> sessionParams(String workspaceId, ReportQuery query) {
    return Map.of("ws", workspaceId, "from", query.from(), "to", query.to());
  }

  private static TimeSeries series(
      ReportQuery query, Settings found, List<Object[]> credit, List<Object[]> sessions) {
    Map<List<Object>, Sums> sums = new LinkedHashMap<>();
    for (Object[] row : sessions) {
      sums.computeIfAbsent(List.of(date(row[0]), label(row[1])), k -> new Sums()).sessions +=
          ((Number) row[2]).longValue();
    }
    for (Object[] row : credit) {
      Sums s = sums.computeIfAbsent(List.of(date(row[0]), label(row[1])), k -> new Sums());
      s.contacts = s.contacts.add((BigDecimal) row[2]);
      s.qualified = s.qualified.add((BigDecimal) row[3]);
      s.sales = s.sales.add((BigDecimal) row[4]);
      s.revenue = s.revenue.add((BigDecimal) row[5]);
    }
    List<TimeSeries.Point> points = new ArrayList<>();
    sums.forEach(
        (k, s) -> {
          if (s.sessions > 0 || nonZero(s)) {
            points.add(
                new TimeSeries.Point(
                    (LocalDate) k.get(0),
                    (String) k.get(1),
                    s.sessions,
                    two(s.contacts),
                    two(s.qualified),
                    two(s.sales),
                    two(s.revenue)));
          }
        });
    points.sort(
        Comparator.comparing(TimeSeries.Point::period).thenComparing(TimeSeries.Point::key));
    return new TimeSeries(
        query.from(),
        query.to(),
        query.model().id(),
        query.groupBy(),
        query.interval(),
        found.timeZone().getId(),
        found.currency(),
        List.copyOf(points));
  }

  private static AttributionReport build(
      ReportQuery query,
      Settings found,
      List<Object[]> credit,
      List<Object[]> sessions,
      List<AttributionReport.Converted> converted) {
    Map<String, Sums> byKey = new LinkedHashMap<>();
    for (Object[] row : sessions) {
      byKey.computeIfAbsent(label(row[0]), k -> new Sums()).sessions +=
          ((Number) row[1]).longValue();
    }
    for (Object[] row : credit) {
      Sums s = byKey.computeIfAbsent(label(row[0]), k -> new Sums());
      s.contacts = s.contacts.add((BigDecimal) row[1]);
      s.qualified = s.qualified.add((BigDecimal) row[2]);
      s.sales = s.sales.add((BigDecimal) row[3]);
      s.revenue = s.revenue.add((BigDecimal) row[4]);
    }
    byKey.values().removeIf(s -> s.sessions == 0 && !nonZero(s));
    List<String> keys = new ArrayList<>(byKey.keySet());
    List<Sums> values = keys.stream().map(byKey::get).toList();
    List<BigDecimal> contacts = Rounding.rows(values.stream().map(s -> s.contacts).toList());
    List<BigDecimal> qualified = Rounding.rows(values.stream().map(s -> s.qualified).toList());
    List<BigDecimal> sales = Rounding.rows(values.stream().map(s -> s.sales).toList());
    List<BigDecimal> revenue = Rounding.rows(values.stream().map(s -> s.revenue).toList());
    List<ReportRow> rows = new ArrayList<>();
    long totalSessions = 0;
    for (int i = 0; i < keys.size(); i++) {
      totalSessions += values.get(i).sessions;
      rows.add(
          new ReportRow(
              keys.get(i),
              values.get(i).sessions,
              contacts.get(i),
              qualified.get(i),
              sales.get(i),
              revenue.get(i)));
    }
    rows.sort(
        Comparator.comparing(ReportRow::revenue)
            .thenComparing(ReportRow::sales)
            .thenComparing(ReportRow::qualified)
            .thenComparing(ReportRow::contacts)
            .thenComparingLong(ReportRow::sessions)
            .reversed()
            .thenComparing(ReportRow::key));
    ReportRow totals =
        new ReportRow(
            null,
            totalSessions,
            Rounding.total(values.stream().map(s -> s.contacts).toList()),
            Rounding.total(values.stream().map(s -> s.qualified).toList()),
            Rounding.total(values.stream().map(s -> s.sales).toList()),
            Rounding.total(values.stream().map(s -> s.revenue).toList()));
    return new AttributionReport(
        query.from(),
        query.to(),
        query.model().id(),
        query.groupBy(),
        found.timeZone().getId(),
        found.currency(),
        List.copyOf(rows),
        totals,
        converted);
  }

  /** The range's sales in other currencies, and their rates, from their daily roll-up. */
  private static Uni<List<AttributionReport.Converted>> converted(
      String workspaceId, Settings found, ReportQuery query) {
    return NativeSql.rows(
            "select currency, rate, sum(sales) from converted_rollup where workspace_id = :ws"
                + " and day between :from and :to and currency <> :currency group by 1, 2"
                + " order by 1, 2",
            Map.of(
                "ws", workspaceId,
                "from", query.from(),
                "to", query.to(),
                "currency", found.currency()))
        .map(
            rows ->
                rows.stream()
                    .map(
                        row ->
                            new AttributionReport.Converted(
                                ((String) row[0]).strip(),
                                ((BigDecimal) row[1]).stripTrailingZeros(),
                                ((Number) row[2]).longValue()))
                    .toList());
  }

  private static String label(Object key) {
    String value = (String) key;
    return value == null || value.isEmpty() ? NO_CAMPAIGN : value;
  }

  private static LocalDate date(Object value) {
    return value instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) value;
  }

  private static boolean nonZero(Sums s) {
    return s.contacts.signum() != 0
        || s.qualified.signum() != 0
        || s.sales.signum() != 0
        || s.revenue.signum() != 0;
  }

  private static BigDecimal two(BigDecimal value) {
    return value.setScale(Rounding.SCALE, RoundingMode.HALF_EVEN);
  }
}
