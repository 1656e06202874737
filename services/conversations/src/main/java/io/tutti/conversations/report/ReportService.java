package io.tutti.conversations.report;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.team.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** First response time, resolution time and volume, by channel, agent or team. */
@ApplicationScoped
public class ReportService {

  /** The grouping column for each {@code groupBy}; never taken from the request itself. */
  static final Map<String, String> GROUPS =
      Map.of("channel", "c.channel", "agent", "c.assignee_id", "team", "c.team_id::text");

  private static final String OPENED = "c.opened_at >= :from and c.opened_at < :to";
  private static final String RESOLVED = "c.resolved_at >= :from and c.resolved_at < :to";
  private static final String FIRST_RESPONSE =
      "extract(epoch from (c.first_reply_at - c.opened_at))";
  private static final String RESOLUTION = "extract(epoch from (c.resolved_at - c.opened_at))";

  private final TeamRepository teams;

  public ReportService(TeamRepository teams) {
    this.teams = teams;
  }

  @WithSession
  public Uni<InboxReport> inbox(String workspaceId, LocalDate from, LocalDate to, String groupBy) {
    String key = GROUPS.get(groupBy);
    String answered = OPENED + " and c.first_reply_at is not null";
    // One pass: a row per group, and with grouping sets the totals row (grouped = 1).
    String sql =
        "select "
            + key
            + " as k, grouping("
            + key
            + ") as grouped, count(*) filter (where "
            + OPENED
            + "), count(*) filter (where "
            + RESOLVED
            + "), count(*) filter (where "
            + answered
            + "), avg("
            + FIRST_RESPONSE
            + ") filter (where "
            + answered
            + "), percentile_cont(0.5) within group (order by "
            + FIRST_RESPONSE
            + ") filter (where "
            + answered
            + "), avg("
            + RESOLUTION
            + ") filter (where "
            + RESOLVED
            + "), percentile_cont(0.5) within group (order by "
            + RESOLUTION
            + ") filter (where "
            + RESOLVED
            + ") from conversation c where c.workspace_id = :workspace and (("
            + OPENED
            + ") or ("
            + RESOLVED
            + ")) group by grouping sets (("
            + key
            + "), ()) order by grouped, k nulls last";
    return Panache.getSession()
        .chain(
            session ->
                session
                    .<Object[]>createNativeQuery(sql)
                    .setParameter("workspace", workspaceId)
                    .setParameter("from", start(from))
                    .setParameter("to", start(to.plusDays(1)))
                    .getResultList())
        .chain(
            rows ->
                teamNames(workspaceId, groupBy)
                    .map(names -> report(from, to, groupBy, rows, names)));
  }

  private Uni<Map<String, String>> teamNames(String workspaceId, String groupBy) {
    if (!groupBy.equals("team")) {
      return Uni.createFrom().item(Map.of());
    }
    return teams
        .listByWorkspace(workspaceId)
        .map(
            all ->
                all.stream()
                    .collect(Collectors.toMap(team -> team.id.toString(), team -> team.name)));
  }

  private static InboxReport report(
      LocalDate from,
      LocalDate to,
      String groupBy,
      List<Object[]> rows,
      Map<String, String> names) {
    List<InboxReport.Row> groups = new ArrayList<>();
    InboxReport.Row totals = row(null, null, new Object[9]);
    for (Object[] columns : rows) {
      if (((Number) columns[1]).intValue() == 1) {
        totals = row(null, null, columns);
      } else {
        String key = columns[0] == null ? null : columns[0].toString();
        groups.add(row(key, key == null ? null : names.get(key), columns));
      }
    }
    return new InboxReport(from, to, groupBy, groups, totals);
  }

  private static InboxReport.Row row(String key, String name, Object[] c) {
    return new InboxReport.Row(
        key,
        name,
        number(c[2]),
        number(c[3]),
        new InboxReport.Duration(number(c[4]), seconds(c[5]), seconds(c[6])),
        new InboxReport.Duration(number(c[3]), seconds(c[7]), seconds(c[8])));
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static Double seconds(Object value) {
    return value == null ? null : Math.round(((Number) value).doubleValue() * 1000) / 1000.0;
  }

  private static OffsetDateTime start(LocalDate day) {
    return day.atStartOfDay().atOffset(ZoneOffset.UTC);
  }
}
