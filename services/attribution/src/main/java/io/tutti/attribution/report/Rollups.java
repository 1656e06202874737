package io.tutti.attribution.report;

import io.smallrye.mutiny.Uni;
import io.tutti.attribution.persistence.NativeSql;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * The daily sums reports read: sessions per (day, channel, campaign), and each model's credit per
 * (day, channel, campaign). Changed by deltas in the transaction that changes what they sum, so a
 * report never scans raw touches.
 */
@ApplicationScoped
public class Rollups {

  /** A change to one row of a model's sums. */
  public record Delta(
      String model,
      LocalDate day,
      String channel,
      String campaign,
      BigDecimal contacts,
      BigDecimal qualified,
      BigDecimal sales,
      BigDecimal revenue) {}

  public Uni<Void> addSession(String workspaceId, LocalDate day, String channel, String campaign) {
    return NativeSql.update(
            "insert into session_rollup (workspace_id, day, channel, campaign, sessions)"
                + " values (:ws, :day, :channel, :campaign, 1)"
                + " on conflict (workspace_id, day, channel, campaign)"
                + " do update set sessions = session_rollup.sessions + 1",
            Map.of("ws", workspaceId, "day", day, "channel", channel, "campaign", campaign))
        .replaceWithVoid();
  }

  /** A sale in another currency than the workspace's, counted for the report's list of rates. */
  public Uni<Void> addConverted(
      String workspaceId, LocalDate day, String currency, BigDecimal rate) {
    return NativeSql.update(
            "insert into converted_rollup (workspace_id, day, currency, rate, sales)"
                + " values (:ws, :day, :currency, :rate, 1)"
                + " on conflict (workspace_id, day, currency, rate)"
                + " do update set sales = converted_rollup.sales + 1",
            Map.of("ws", workspaceId, "day", day, "currency", currency, "rate", rate))
        .replaceWithVoid();
  }

  public Uni<Void> apply(String workspaceId, Delta delta) {
    return NativeSql.update(
            "insert into conversion_rollup (workspace_id, model, day, channel, campaign, contacts,"
                + " qualified, sales, revenue) values (:ws, :model, :day, :channel, :campaign,"
                + " :contacts, :qualified, :sales, :revenue) on conflict (workspace_id, model, day,"
                + " channel, campaign) do update set contacts = conversion_rollup.contacts +"
                + " excluded.contacts, qualified = conversion_rollup.qualified +"
                + " excluded.qualified, sales = conversion_rollup.sales + excluded.sales, revenue ="
                + " conversion_rollup.revenue + excluded.revenue",
            Map.of(
                "ws", workspaceId,
                "model", delta.model(),
                "day", delta.day(),
                "channel", delta.channel(),
                "campaign", delta.campaign(),
                "contacts", delta.contacts(),
                "qualified", delta.qualified(),
                "sales", delta.sales(),
                "revenue", delta.revenue()))
        .replaceWithVoid();
  }

  /**
   * Re-dates everything counted in the workspace in another time zone: each credit's day, and both
   * roll-ups rebuilt from credits and sessions.
   */
  public Uni<Void> redate(String workspaceId, ZoneId zone) {
    Map<String, Object> params = Map.of("ws", workspaceId, "tz", zone.getId());
    return NativeSql.update(
            "update credit c set day = (v.occurred_at at time zone :tz)::date from conversion v"
                + " where v.id = c.conversion_id and v.workspace_id = :ws",
            params)
        .chain(
            () ->
                NativeSql.update(
                    "delete from conversion_rollup where workspace_id = :ws",
                    Map.of("ws", workspaceId)))
        .chain(
            () ->
                NativeSql.update(
                    "insert into conversion_rollup"
                        + " (workspace_id, model, day, channel, campaign, contacts, qualified,"
                        + " sales, revenue)"
                        + " select v.workspace_id, c.model, c.day, c.channel, c.campaign,"
                        + " sum(case when v.kind = 'contact' then c.weight else 0 end),"
                        + " sum(case when v.kind = 'qualified' then c.weight else 0 end),"
                        + " sum(case when v.kind = 'sale' then c.weight else 0 end),"
                        + " sum(c.revenue)"
                        + " from credit c join conversion v on v.id = c.conversion_id"
                        + " where v.workspace_id = :ws"
                        + " group by v.workspace_id, c.model, c.day, c.channel, c.campaign",
                    Map.of("ws", workspaceId)))
        .chain(
            () ->
                NativeSql.update(
                    "delete from converted_rollup where workspace_id = :ws",
                    Map.of("ws", workspaceId)))
        .chain(
            () ->
                NativeSql.update(
                    "insert into converted_rollup (workspace_id, day, currency, rate, sales)"
                        + " select workspace_id, (occurred_at at time zone :tz)::date,"
                        + " original_currency, rate, count(*) from conversion"
                        + " where workspace_id = :ws and kind = 'sale' and rate <> 1"
                        + " and original_currency is not null group by 1, 2, 3, 4",
                    params))
        .chain(
            () ->
                NativeSql.update(
                    "delete from session_rollup where workspace_id = :ws",
                    Map.of("ws", workspaceId)))
        .chain(
            () ->
                NativeSql.update(
                    "insert into session_rollup (workspace_id, day, channel, campaign, sessions)"
                        + " select workspace_id, (occurred_at at time zone :tz)::date, channel,"
                        + " coalesce(campaign, ''), count(*) from touch"
                        + " where workspace_id = :ws and kind = 'session'"
                        + " group by 1, 2, 3, 4",
                    params))
        .replaceWithVoid();
  }
}
