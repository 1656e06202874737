package io.tutti.conversations.queue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.config.ConversationsConfig;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.conversation.ConversationRepository;
import io.tutti.conversations.conversation.ConversationSummary;
import io.tutti.conversations.conversation.Page;
import io.tutti.conversations.conversation.ReadMarkers;
import io.tutti.conversations.conversation.Viewer;
import io.tutti.conversations.team.TeamMemberRepository;
import io.tutti.conversations.team.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The unified queue: every channel's conversations the caller may see, filtered and paged. */
@ApplicationScoped
public class QueueService {

  private final ConversationRepository conversations;
  private final TeamMemberRepository members;
  private final TeamRepository teams;
  private final ReadMarkers reads;
  private final int countLimit;

  /** Up to this many matches of a search, the page is picked from the matches themselves. */
  static final int FEW_MATCHES = 1000;

  /**
   * A search matching this share of conversations or more is found by scanning the queue in order.
   */
  static final double COMMON_SHARE = 0.01;

  /** How many recent conversations show whether common words meet often. */
  static final int SAMPLE = 2000;

  public QueueService(
      ConversationRepository conversations,
      TeamMemberRepository members,
      TeamRepository teams,
      ReadMarkers reads,
      ConversationsConfig config) {
    this.conversations = conversations;
    this.members = members;
    this.teams = teams;
    this.reads = reads;
    this.countLimit = config.countLimit();
  }

  @WithSession
  public Uni<Page<ConversationSummary>> page(
      Viewer viewer, QueueFilter filter, QueueSort sort, QueueCursor cursor, int size) {
    Instant asOf = cursor != null ? cursor.asOf() : Instant.now().truncatedTo(ChronoUnit.MICROS);
    return narrowed(viewer, filter)
        .chain(searched -> teamsOf(viewer).map(visibleTeams -> Map.entry(searched, visibleTeams)))
        .chain(
            narrowed -> {
              QueueQuery.Sql sql =
                  QueueQuery.page(
                      viewer, narrowed.getValue(), narrowed.getKey(), sort, cursor, asOf, size);
              return Panache.getSession()
                  .chain(
                      session ->
                          bind(session.<Object[]>createNativeQuery(sql.text()), sql)
                              .getResultList());
            })
        .chain(rows -> summaries(viewer, rows, sort, size, asOf));
  }

  /**
   * How a search is found. A scan of the queue in its order meets a page of matches at once when
   * many conversations match, and reads nearly every row first when few do; the search index finds
   * few matches at once, and many only by fetching and sorting them all. The statistics ANALYZE
   * keeps of the most common words tell a rare word (in less than {@link #COMMON_SHARE} of the
   * conversations) from a common one. A single common word is found by the ordered scan. Common
   * words together may still rarely meet, so the workspace's {@link #SAMPLE} most recent
   * conversations show how often they do. Otherwise the search index is asked for at most {@link
   * #FEW_MATCHES} + 1 matches (of the rare words alone, when there are any): when there are no
   * more, the page is picked from those, else the ordered scan finds them after all.
   */
  private Uni<QueueFilter> narrowed(Viewer viewer, QueueFilter filter) {
    if (filter.q() == null) {
      return Uni.createFrom().item(filter);
    }
    QueueQuery.Sql shares = QueueQuery.searchShares(filter.q());
    return Panache.getSession()
        .chain(
            session ->
                bind(session.<Object[]>createNativeQuery(shares.text()), shares).getResultList())
        .chain(
            words -> {
              List<String> rare =
                  words.stream()
                      .filter(word -> ((Number) word[1]).doubleValue() < COMMON_SHARE)
                      .map(word -> (String) word[0])
                      .toList();
              if (!rare.isEmpty()) {
                // The rare words alone find the candidates: a common one would make the index read
                // its long list of conversations too. The page still checks every word.
                return fewMatches(viewer, filter, String.join(" ", rare));
              }
              if (words.size() == 1) {
                return Uni.createFrom().item(filter.scanned());
              }
              return oftenTogether(viewer, filter)
                  .chain(
                      often ->
                          often
                              ? Uni.createFrom().item(filter.scanned())
                              : fewMatches(viewer, filter, filter.q()));
            });
  }

  private Uni<Boolean> oftenTogether(Viewer viewer, QueueFilter filter) {
    QueueQuery.Sql sample = QueueQuery.searchSample(viewer.workspaceId(), filter.q(), SAMPLE);
    return Panache.getSession()
        .chain(
            session ->
                bind(session.<Number>createNativeQuery(sample.text()), sample).getSingleResult())
        .map(matches -> matches.doubleValue() >= COMMON_SHARE * SAMPLE);
  }

  private Uni<QueueFilter> fewMatches(Viewer viewer, QueueFilter filter, String words) {
    QueueQuery.Sql probe = QueueQuery.searchMatches(viewer.workspaceId(), words, FEW_MATCHES + 1);
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            // The planner cannot know how rare a prefix is; with a limit it would
                            // choose to read the table in the hope of meeting matches early.
                            session
                                .createNativeQuery("set local enable_seqscan = off")
                                .executeUpdate()
                                .chain(
                                    () ->
                                        bind(session.<String>createNativeQuery(probe.text()), probe)
                                            .getResultList())))
        .map(ids -> ids.size() <= FEW_MATCHES ? filter.matching(ids) : filter.scanned());
  }

  @WithSession
  public Uni<QueueCounts> counts(Viewer viewer, QueueFilter unnarrowed) {
    return narrowed(viewer, unnarrowed).chain(filter -> countsOf(viewer, filter));
  }

  private Uni<QueueCounts> countsOf(Viewer viewer, QueueFilter filter) {
    return teamsOf(viewer)
        .chain(
            visibleTeams ->
                (viewer.admin()
                        ? teams
                            .listByWorkspace(viewer.workspaceId())
                            .map(all -> all.stream().map(team -> team.id).toList())
                        : Uni.createFrom().item(visibleTeams))
                    .chain(
                        countedTeams -> {
                          QueueQuery.Sql views =
                              QueueQuery.counts(viewer, visibleTeams, filter, countLimit + 1);
                          return Panache.getSession()
                              .chain(
                                  session ->
                                      bind(session.<Object[]>createNativeQuery(views.text()), views)
                                          .getSingleResult())
                              .chain(
                                  row ->
                                      teamCounts(viewer, visibleTeams, countedTeams, filter)
                                          .map(
                                              perTeam ->
                                                  new QueueCounts(
                                                      ((Number) row[0]).longValue(),
                                                      ((Number) row[1]).longValue(),
                                                      ((Number) row[2]).longValue(),
                                                      perTeam,
                                                      countLimit)));
                        }));
  }

  private Uni<Map<String, Long>> teamCounts(
      Viewer viewer, List<UUID> visibleTeams, List<UUID> countedTeams, QueueFilter filter) {
    Map<String, Long> counts = new LinkedHashMap<>();
    countedTeams.forEach(team -> counts.put(team.toString(), 0L));
    if (countedTeams.isEmpty()) {
      return Uni.createFrom().item(counts);
    }
    QueueQuery.Sql sql =
        QueueQuery.teamCounts(viewer, visibleTeams, countedTeams, filter, countLimit + 1);
    return Panache.getSession()
        .chain(
            session -> bind(session.<Object[]>createNativeQuery(sql.text()), sql).getResultList())
        .map(
            rows -> {
              for (Object[] row : rows) {
                counts.put(row[0].toString(), ((Number) row[1]).longValue());
              }
              return counts;
            });
  }

  private Uni<List<UUID>> teamsOf(Viewer viewer) {
    return viewer.admin()
        ? Uni.createFrom().item(List.of())
        : members.teamsOf(viewer.workspaceId(), viewer.agentId());
  }

  private Uni<Page<ConversationSummary>> summaries(
      Viewer viewer, List<Object[]> rows, QueueSort sort, int size, Instant asOf) {
    List<Object[]> served = rows.size() > size ? rows.subList(0, size) : rows;
    List<UUID> ids = served.stream().map(row -> (UUID) row[0]).toList();
    String next = null;
    if (rows.size() > size) {
      Object[] last = served.getLast();
      Long key = last[1] == null ? null : ((Number) last[1]).longValue();
      next = new QueueCursor(sort, key, (UUID) last[0], asOf).encode();
    }
    String nextCursor = next;
    return conversations
        .findByIds(ids)
        .chain(
            found -> {
              Map<UUID, Conversation> byId =
                  found.stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
              List<Conversation> ordered =
                  ids.stream().map(byId::get).filter(c -> c != null).toList();
              return reads
                  .unread(ordered, viewer.agentId())
                  .map(
                      unread ->
                          new Page<>(
                              ordered.stream()
                                  .map(c -> ConversationSummary.of(c, unread.getOrDefault(c.id, 0)))
                                  .toList(),
                              nextCursor));
            });
  }

  private static <T extends org.hibernate.reactive.mutiny.Mutiny.AbstractQuery> T bind(
      T query, QueueQuery.Sql sql) {
    sql.parameters().forEach(query::setParameter);
    return query;
  }
}
