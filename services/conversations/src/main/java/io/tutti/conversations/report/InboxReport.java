package io.tutti.conversations.report;

import java.time.LocalDate;
import java.util.List;

/**
 * How the inbox did between two days (UTC, both included).
 *
 * @param groupBy channel, agent (the current assignee) or team
 * @param rows one per channel, agent or team; {@code key} null for conversations without an
 *     assignee or team
 * @param totals every conversation of the period together
 */
public record InboxReport(
    LocalDate from, LocalDate to, String groupBy, List<Row> rows, Row totals) {

  /**
   * One group.
   *
   * @param name the team's name when grouped by team
   * @param opened conversations opened in the period (volume)
   * @param resolved conversations resolved in the period and still resolved
   * @param firstResponse from opening to an agent's first reply, over the conversations opened in
   *     the period that got one
   * @param resolution from opening to resolution, over the conversations resolved in the period
   */
  public record Row(
      String key,
      String name,
      long opened,
      long resolved,
      Duration firstResponse,
      Duration resolution) {}

  /**
   * A spread of durations, in seconds.
   *
   * @param count how many conversations it is over
   */
  public record Duration(long count, Double averageSeconds, Double medianSeconds) {}
}
