package io.tutti.conversations.queue;

import io.tutti.conversations.conversation.Cursor;
import io.tutti.conversations.conversation.SearchText;
import io.tutti.conversations.conversation.Viewer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The SQL of one queue page. Every value is a bound parameter; only column names and operators come
 * from here.
 *
 * <p>The page is a {@code UNION ALL} of disjoint branches, each an index range scan that stops
 * after {@code limit + 1} rows:
 *
 * <ul>
 *   <li>One per slice of what the caller may see (an admin: one slice, everything; an agent:
 *       assigned to them, each of their teams, and nobody's), so each slice walks its own index in
 *       sort order instead of sorting the union of everything visible.
 *   <li>Rows whose sort key changed after {@code asOf} (the time the first page was served) are
 *       kept out of those and come from one more branch, at the position their key had at {@code
 *       asOf}, rebuilt from their messages. A conversation that gets a message while an agent pages
 *       is therefore neither served twice nor skipped; the live updates show it at its new place.
 *       Conversations opened after {@code asOf} belong to no page of this walk.
 * </ul>
 */
final class QueueQuery {

  /** More teams than this are one branch with an IN list rather than one branch per team. */
  static final int MAX_TEAM_BRANCHES = 16;

  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private int next;

  record Sql(String text, Map<String, Object> parameters) {}

  /** The ids and sort keys (epoch microseconds) of one page plus one row. */
  static Sql page(
      Viewer viewer,
      List<UUID> teams,
      QueueFilter filter,
      QueueSort sort,
      QueueCursor cursor,
      Instant asOf,
      int limit) {
    return new QueueQuery().buildPage(viewer, teams, filter, sort, cursor, asOf, limit);
  }

  /**
   * Each word of {@code q} as the search reads it, with the share of conversations it is in by the
   * statistics ANALYZE keeps of the most common words (0 for a word not among them).
   */
  static Sql searchShares(String q) {
    QueueQuery query = new QueueQuery();
    return query.sql(
        "select t.lexeme, cast((select coalesce(sum(e.f), 0) from pg_stats s,"
            + " unnest(cast(cast(s.most_common_elems as text) as text[]),"
            + " s.most_common_elem_freqs) as e(word, f) where s.schemaname = current_schema() and"
            + " s.tablename = 'conversation' and s.attname = 'search' and e.word like t.lexeme ||"
            + " '%') as float8) from unnest(to_tsvector('simple', left("
            + query.bind(SearchText.phonesAsDigits(q))
            + ", 200))) t");
  }

  /**
   * How many of the workspace's {@code sample} most recently active conversations match the search:
   * words that are each common may still rarely meet.
   */
  static Sql searchSample(String workspaceId, String q, int sample) {
    QueueQuery query = new QueueQuery();
    return query.sql(
        "select count(*) from (select c.search from conversation c where c.workspace_id = "
            + query.bind(workspaceId)
            + " order by c.last_message_at desc limit "
            + sample
            + ") recent where ts_match_vq(recent.search, conversation_search_query("
            + query.bind(SearchText.phonesAsDigits(q))
            + "))");
  }

  /**
   * Up to {@code limit} conversations of the workspace that match the search, found through the
   * search index alone.
   */
  static Sql searchMatches(String workspaceId, String q, int limit) {
    QueueQuery query = new QueueQuery();
    return query.sql(
        "select cast(c.id as text) from conversation c where c.workspace_id = "
            + query.bind(workspaceId)
            + " and c.search @@ conversation_search_query("
            + query.bind(SearchText.phonesAsDigits(q))
            + ") limit "
            + limit);
  }

  /**
   * Counts per view ({@code mine}, {@code unassigned}, {@code all}) under the filter, each counting
   * at most {@code limit} rows.
   */
  static Sql counts(Viewer viewer, List<UUID> teams, QueueFilter filter, int limit) {
    QueueQuery query = new QueueQuery();
    List<String> where = query.filters(viewer, filter, false);
    where.addAll(query.visibility(viewer, teams));
    String matching = String.join(" and ", where);
    String me = query.bind(viewer.agentId());
    return query.sql(
        "select "
            + upTo(matching + " and c.assignee_id = " + me, limit)
            + ", "
            + upTo(matching + " and c.assignee_id is null", limit)
            + ", "
            + upTo(matching, limit));
  }

  /**
   * Counts per team, for the given teams, under the filter, each counting at most {@code limit}.
   */
  static Sql teamCounts(
      Viewer viewer, List<UUID> visibleTeams, List<UUID> teams, QueueFilter filter, int limit) {
    QueueQuery query = new QueueQuery();
    List<String> where = query.filters(viewer, filter, false);
    where.addAll(query.visibility(viewer, visibleTeams));
    String matching = String.join(" and ", where);
    List<String> perTeam = new ArrayList<>();
    for (UUID team : teams) {
      String id = "cast(" + query.bind(team) + " as uuid)";
      perTeam.add("select " + id + ", " + upTo(matching + " and c.team_id = " + id, limit));
    }
    return query.sql(String.join(" union all ", perTeam));
  }

  /**
   * The number of conversations matching, counted no further than {@code limit}: a badge needs to
   * say "more than 10,000", not to read a million rows to say how many more.
   */
  private static String upTo(String where, int limit) {
    return "(select count(*) from (select 1 from conversation c where "
        + where
        + " limit "
        + limit
        + ") counted)";
  }

  private Sql buildPage(
      Viewer viewer,
      List<UUID> teams,
      QueueFilter filter,
      QueueSort sort,
      QueueCursor cursor,
      Instant asOf,
      int limit) {
    String direction = sort.ascending() ? "asc" : "desc";
    String after = sort.ascending() ? ">" : "<";
    String column = "c." + sort.column();
    String asOfParam =
        "cast(" + bind(OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC)) + " as timestamptz)";
    String keyParam = cursor == null ? null : key(cursor);
    String idParam = cursor == null ? null : "cast(" + bind(cursor.id()) + " as uuid)";
    int rows = limit + 1;

    List<String> filters = filters(viewer, filter, true);
    List<String> branches = new ArrayList<>();
    for (String slice : slices(viewer, teams, filter.view())) {
      List<String> where = new ArrayList<>(filters);
      if (!slice.isEmpty()) {
        where.add(slice);
      }
      where.add("c.activity_changed_at <= " + asOfParam);
      if (cursor != null) {
        where.add("(" + column + ", c.id) " + after + " (" + keyParam + ", " + idParam + ")");
      }
      branches.add(
          "(select c.id as id, "
              + column
              + " as k from conversation c where "
              + String.join(" and ", where)
              + " order by "
              + column
              + " "
              + direction
              + ", c.id "
              + direction
              + " limit "
              + rows
              + ")");
    }

    List<String> moved = new ArrayList<>(filters);
    moved.addAll(visibility(viewer, teams));
    moved.add("c.activity_changed_at > " + asOfParam);
    moved.add("c.opened_at <= " + asOfParam);
    // The key as of asOf is computed once per moved row: "offset 0" keeps PostgreSQL from
    // inlining the lateral subquery and evaluating the expression for every use of it.
    branches.add(
        "(select c.id as id, s.k as k from conversation c cross join lateral (select "
            + keyAsOf(sort, asOfParam)
            + " as k offset 0) s where "
            + String.join(" and ", moved)
            + " and s.k is not null"
            + (cursor == null
                ? ""
                : " and (s.k, c.id) " + after + " (" + keyParam + ", " + idParam + ")")
            + " order by s.k "
            + direction
            + ", c.id "
            + direction
            + " limit "
            + rows
            + ")");

    return sql(
        "select u.id, case when isfinite(u.k) then (extract(epoch from u.k) * 1000000)::bigint end"
            + " from ("
            + String.join(" union all ", branches)
            + ") u order by u.k "
            + direction
            + ", u.id "
            + direction
            + " limit "
            + rows);
  }

  /**
   * The sort key a conversation had at {@code asOf}, from the messages stored by then; the same
   * rules that maintain {@code last_message_at} and {@code waiting_since} as messages arrive.
   */
  private static String keyAsOf(QueueSort sort, String asOf) {
    if (sort == QueueSort.LAST_ACTIVITY) {
      return "(select max(m.sent_at) from message m where m.conversation_id = c.id"
          + " and not m.private and m.created_at <= "
          + asOf
          + ")";
    }
    return "coalesce((select min(mi.sent_at) from message mi where mi.conversation_id = c.id"
        + " and mi.direction = 'in' and mi.kind <> 'reaction' and mi.created_at <= "
        + asOf
        + " and mi.sent_at > coalesce((select max(mo.sent_at) from message mo"
        + " where mo.conversation_id = c.id and mo.direction = 'out' and not mo.private"
        + " and mo.created_at <= "
        + asOf
        + "), '-infinity'::timestamptz)), 'infinity'::timestamptz)";
  }

  /**
   * Disjoint parts of what the viewer may see, narrowed to those the view can contain. An empty
   * string is "no further condition".
   */
  private List<String> slices(Viewer viewer, List<UUID> teams, QueueView view) {
    if (viewer.admin() || view.kind() == QueueView.Kind.MINE) {
      return List.of("");
    }
    if (view.kind() == QueueView.Kind.TEAM) {
      return List.of(
          teams.contains(view.teamId()) ? "" : "c.assignee_id = " + bind(viewer.agentId()));
    }
    // Every parameter bound must appear in the text: the caller's id only where it is used.
    boolean all = view.kind() == QueueView.Kind.ALL;
    String me = all ? bind(viewer.agentId()) : null;
    List<String> slices = new ArrayList<>();
    if (all) {
      slices.add("c.assignee_id = " + me);
    }
    String notMine = all ? " and c.assignee_id is distinct from " + me : "";
    if (teams.size() > MAX_TEAM_BRANCHES) {
      slices.add("c.team_id in (" + bindAll(teams) + ")" + notMine);
    } else {
      for (UUID team : teams) {
        slices.add("c.team_id = cast(" + bind(team) + " as uuid)" + notMine);
      }
    }
    slices.add("c.team_id is null" + (all ? " and c.assignee_id is null" : ""));
    return slices;
  }

  /** What the viewer may see, as one condition (for the small branches and the counts). */
  private List<String> visibility(Viewer viewer, List<UUID> teams) {
    if (viewer.admin()) {
      return List.of();
    }
    String me = bind(viewer.agentId());
    String team = teams.isEmpty() ? "" : " or c.team_id in (" + bindAll(teams) + ")";
    return List.of(
        "(c.assignee_id = " + me + team + " or (c.team_id is null and c.assignee_id is null))");
  }

  private List<String> filters(Viewer viewer, QueueFilter filter, boolean withView) {
    List<String> where = new ArrayList<>();
    where.add("c.workspace_id = " + bind(viewer.workspaceId()));
    if (withView) {
      switch (filter.view().kind()) {
        case MINE -> where.add("c.assignee_id = " + bind(viewer.agentId()));
        case UNASSIGNED -> where.add("c.assignee_id is null");
        case TEAM -> where.add("c.team_id = cast(" + bind(filter.view().teamId()) + " as uuid)");
        case ALL -> {}
      }
    }
    in(where, "c.status", filter.statuses());
    in(where, "c.channel", filter.channels());
    in(where, "c.inbox_id", filter.inboxes());
    in(where, "c.priority", filter.priorities());
    if (!filter.labels().isEmpty()) {
      where.add("c.labels @> cast(array[" + bindAll(filter.labels()) + "] as text[])");
    }
    if (filter.assignee() != null) {
      where.add(
          switch (filter.assignee()) {
            case "none" -> "c.assignee_id is null";
            case "me" -> "c.assignee_id = " + bind(viewer.agentId());
            default -> "c.assignee_id = " + bind(filter.assignee());
          });
    }
    if (filter.team() != null) {
      where.add(
          filter.team().equals("none")
              ? "c.team_id is null"
              : "c.team_id = cast(" + bind(UUID.fromString(filter.team())) + " as uuid)");
    }
    if (filter.searchMatches() != null) {
      where.add(
          "c.id = any("
              + bind(filter.searchMatches().stream().map(UUID::fromString).toArray(UUID[]::new))
              + ")");
    }
    if (filter.q() != null) {
      String query =
          "conversation_search_query(" + bind(SearchText.phonesAsDigits(filter.q())) + ")";
      // ts_match_vq is what @@ calls, in a form no index serves: the planner then filters the
      // ordered scan instead of fetching and sorting every match through the search index.
      where.add(
          filter.searchByScan() ? "ts_match_vq(c.search, " + query + ")" : "c.search @@ " + query);
    }
    if (filter.contactId() != null) {
      where.add("c.contact_id = " + bind(filter.contactId()));
    }
    if (filter.excludeId() != null) {
      where.add("c.id <> cast(" + bind(filter.excludeId()) + " as uuid)");
    }
    return where;
  }

  private void in(List<String> where, String column, List<String> values) {
    if (values.size() == 1) {
      where.add(column + " = " + bind(values.getFirst()));
    } else if (!values.isEmpty()) {
      where.add(column + " in (" + bindAll(values) + ")");
    }
  }

  private String key(QueueCursor cursor) {
    return cursor.key() == null
        ? "'infinity'::timestamptz"
        : "cast("
            + bind(OffsetDateTime.ofInstant(Cursor.instant(cursor.key()), ZoneOffset.UTC))
            + " as timestamptz)";
  }

  private String bindAll(List<?> values) {
    return values.stream()
        .map(v -> v instanceof UUID ? "cast(" + bind(v) + " as uuid)" : bind(v))
        .collect(Collectors.joining(", "));
  }

  private String bind(Object value) {
    String name = "p" + next++;
    parameters.put(name, value);
    return ":" + name;
  }

  private Sql sql(String text) {
    return new Sql(text, Map.copyOf(parameters));
  }
}
