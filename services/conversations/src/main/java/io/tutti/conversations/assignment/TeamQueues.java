package io.tutti.conversations.assignment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.activity.Activity;
import io.tutti.conversations.agent.Presence;
import io.tutti.conversations.config.AssignmentConfig;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.conversation.ConversationRepository;
import io.tutti.conversations.team.Team;
import io.tutti.conversations.team.TeamRepository;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Serves the team queues: gives waiting conversations, urgent first and then the longest waiting,
 * to the members who can take them now. Runs when a signal says a queue may move ({@link
 * AssignmentSignals}) and on the scheduler's pass over every queue.
 *
 * <p>Each pass is a transaction of its own that locks the team (waiting for an assignment to the
 * team in progress, whose waiting conversation it then sees), then the members, then takes waiting
 * conversations with {@code SKIP LOCKED}: one another replica or a request holds is theirs.
 */
@ApplicationScoped
public class TeamQueues {

  private static final Logger LOG = Logger.getLogger(TeamQueues.class);
  private static final String REASON = "waited in the team queue";

  private final TeamRepository teams;
  private final ConversationRepository conversations;
  private final Assigner assigner;
  private final Presence presence;
  private final AssignmentConfig config;
  private final Vertx vertx;

  /** Teams being served on this replica; true when another signal came meanwhile. */
  private final Map<UUID, Boolean> serving = new ConcurrentHashMap<>();

  public TeamQueues(
      TeamRepository teams,
      ConversationRepository conversations,
      Assigner assigner,
      Presence presence,
      AssignmentConfig config,
      Vertx vertx) {
    this.teams = teams;
    this.conversations = conversations;
    this.assigner = assigner;
    this.presence = presence;
    this.config = config;
    this.vertx = vertx;
  }

  /**
   * Serves the team's queue soon, on a context of its own. Signals for a team being served are
   * folded into one more pass after the current one.
   */
  public void serveSoon(UUID teamId) {
    boolean[] start = {false};
    serving.compute(
        teamId,
        (id, again) -> {
          start[0] = again == null;
          return again != null;
        });
    if (start[0]) {
      run(teamId);
    }
  }

  private void run(UUID teamId) {
    // Hibernate Reactive needs its own (duplicated, safe) context per unit of work.
    Context context =
        VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(
        ignored ->
            serve(teamId)
                .subscribe()
                .with(
                    assigned -> finished(teamId),
                    failure -> {
                      LOG.warnf(
                          "serving the queue of team %s failed; the scheduler tries again: %s",
                          teamId, failure.toString());
                      finished(teamId);
                    }));
  }

  /** Another pass when a signal came during this one, which may not have seen its change. */
  private void finished(UUID teamId) {
    if (serving.computeIfPresent(teamId, (id, again) -> again ? false : null) != null) {
      run(teamId);
    }
  }

  /** Serves every queue with a waiting conversation; how many conversations got an agent. */
  public Uni<Integer> serveAll() {
    return Panache.withSession(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .<UUID>createNativeQuery(
                                    "select distinct team_id from conversation where assignee_id"
                                        + " is null and queued_at is not null and status in"
                                        + " ('open', 'pending')")
                                .getResultList()))
        .chain(
            ids ->
                Multi.createFrom()
                    .iterable(ids)
                    .onItem()
                    .transformToUniAndConcatenate(
                        id ->
                            serve(id)
                                .onFailure()
                                .recoverWithItem(
                                    failure -> {
                                      // One team's failure leaves the others served.
                                      LOG.warnf(
                                          "serving the queue of team %s failed: %s",
                                          id, failure.toString());
                                      return 0;
                                    }))
                    .collect()
                    .with(Collectors.summingInt(Integer::intValue)));
  }

  /**
   * Serves the team's queue until it is empty or nobody can take what waits; how many conversations
   * got an agent.
   */
  public Uni<Integer> serve(UUID teamId) {
    return Uni.createFrom()
        .deferred(() -> Panache.withTransaction(() -> onePass(teamId)))
        .repeat()
        .whilst(pass -> pass.full() && pass.assigned() > 0)
        .collect()
        .with(Collectors.summingInt(Pass::assigned));
  }

  /** One batch: how many got an agent, and whether the batch was full (more may wait). */
  private record Pass(int assigned, boolean full) {}

  private Uni<Pass> onePass(UUID teamId) {
    Instant now = presence.now();
    return teams
        .lock(teamId)
        .chain(
            team ->
                team == null
                    ? Uni.createFrom().item(new Pass(0, false))
                    : anyWaiting(teamId)
                        .chain(
                            any ->
                                any
                                    ? assigner
                                        .pool(team, null, now)
                                        .chain(pool -> serve(team, pool, now))
                                    : Uni.createFrom().item(new Pass(0, false))));
  }

  private Uni<Pass> serve(Team team, Pool pool, Instant now) {
    if (pool.full()) {
      return Uni.createFrom().item(new Pass(0, false));
    }
    return lockWaiting(team.id)
        .chain(
            waiting -> {
              AtomicInteger assigned = new AtomicInteger();
              return Multi.createFrom()
                  .iterable(waiting)
                  .onItem()
                  .transformToUniAndConcatenate(
                      c ->
                          give(team, pool, c, now)
                              .invoke(
                                  given -> {
                                    if (given) {
                                      assigned.incrementAndGet();
                                    }
                                  }))
                  .collect()
                  .asList()
                  .map(
                      ignored ->
                          new Pass(assigned.get(), waiting.size() == config.queueBatchSize()));
            });
  }

  /** Gives the waiting conversation to whoever the strategy picks; whether someone took it. */
  private Uni<Boolean> give(Team team, Pool pool, Conversation c, Instant now) {
    Strategy strategy = Assigner.effective(c, team);
    if (!strategy.automatic() || pool.full()) {
      return Uni.createFrom().item(false);
    }
    return assigner
        .stickyAgent(c, strategy)
        .chain(
            sticky -> {
              Pool.Pick pick = pool.pick(c, strategy, c.noReplyAgentId, sticky);
              if (pick == null) {
                return Uni.createFrom().item(false);
              }
              pool.took(pick, c);
              return assigner
                  .settle(
                      c,
                      team,
                      pick.agent().id(),
                      Assigner.why(pick, REASON, strategy),
                      Activity.BY_SYSTEM,
                      now)
                  .replaceWith(true);
            });
  }

  private static Uni<Boolean> anyWaiting(UUID teamId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select count(*) from (select 1 from conversation where team_id = :team"
                            + " and assignee_id is null and queued_at is not null and status in"
                            + " ('open', 'pending') limit 1) as waiting")
                    .setParameter("team", teamId)
                    .getSingleResult())
        .map(count -> ((Number) count).longValue() > 0);
  }

  /** The head of the queue, locked, in the order it is served. */
  private Uni<List<Conversation>> lockWaiting(UUID teamId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .<UUID>createNativeQuery(
                        "select id from conversation where team_id = :team and assignee_id is"
                            + " null and queued_at is not null and status in ('open', 'pending')"
                            + " order by conversation_priority_rank(priority), waiting_key,"
                            + " queued_at, id limit :size for update skip locked")
                    .setParameter("team", teamId)
                    .setParameter("size", config.queueBatchSize())
                    .getResultList())
        .chain(
            ids ->
                conversations
                    .findByIds(ids)
                    .map(
                        found -> {
                          Map<UUID, Conversation> byId =
                              found.stream()
                                  .collect(Collectors.toMap(c -> c.id, Function.identity()));
                          return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
                        }));
  }
}
