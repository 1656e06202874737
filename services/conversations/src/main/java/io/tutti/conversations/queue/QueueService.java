package io.tutti.conversations.queue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
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

  public QueueService(
      ConversationRepository conversations,
      TeamMemberRepository members,
      TeamRepository teams,
      ReadMarkers reads) {
    this.conversations = conversations;
    this.members = members;
    this.teams = teams;
    this.reads = reads;
  }

  @WithSession
  public Uni<Page<ConversationSummary>> page(
      Viewer viewer, QueueFilter filter, QueueSort sort, QueueCursor cursor, int size) {
    Instant asOf = cursor != null ? cursor.asOf() : Instant.now().truncatedTo(ChronoUnit.MICROS);
    return teamsOf(viewer)
        .chain(
            visibleTeams -> {
              QueueQuery.Sql sql =
                  QueueQuery.page(viewer, visibleTeams, filter, sort, cursor, asOf, size);
              return Panache.getSession()
                  .chain(
                      session ->
                          bind(session.<Object[]>createNativeQuery(sql.text()), sql)
                              .getResultList());
            })
        .chain(rows -> summaries(viewer, rows, sort, size, asOf));
  }

  @WithSession
  public Uni<QueueCounts> counts(Viewer viewer, QueueFilter filter) {
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
                          QueueQuery.Sql views = QueueQuery.counts(viewer, visibleTeams, filter);
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
                                                      perTeam)));
                        }));
  }

  private Uni<Map<String, Long>> teamCounts(
      Viewer viewer, List<UUID> visibleTeams, List<UUID> countedTeams, QueueFilter filter) {
    Map<String, Long> counts = new LinkedHashMap<>();
    countedTeams.forEach(team -> counts.put(team.toString(), 0L));
    if (countedTeams.isEmpty()) {
      return Uni.createFrom().item(counts);
    }
    QueueQuery.Sql sql = QueueQuery.teamCounts(viewer, visibleTeams, countedTeams, filter);
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
