package io.tutti.attribution.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.tutti.attribution.config.AttributionConfig;
import io.tutti.attribution.persistence.NativeSql;
import io.tutti.attribution.touch.WebSessions;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Turns accepted tracking calls into sessions, oldest first, a batch per transaction; a batch that
 * fails is retried call by call, and a call that keeps failing is set aside with its error (kept,
 * never dropped). Several instances share the work ({@code for update skip locked}).
 */
@ApplicationScoped
public class TrackProcessor {

  private static final Logger LOG = Logger.getLogger(TrackProcessor.class);

  private final AttributionConfig config;
  private final WebSessions sessions;
  private final Vertx vertx;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();

  private record Accepted(long id, String workspaceId, String body) {

    TrackEvent event() {
      try {
        return TrackInbox.JSON.readValue(body, TrackEvent.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("an accepted tracking call no longer reads", e);
      }
    }
  }

  public TrackProcessor(AttributionConfig config, WebSessions sessions, Vertx vertx) {
    this.config = config;
    this.sessions = sessions;
    this.vertx = vertx;
  }

  /** Says a call was accepted: processing starts now rather than at the next poll. */
  public void kick() {
    if (running.get()) {
      again.set(true);
      return;
    }
    io.vertx.core.Context context =
        VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(ignored -> drain().subscribe().with(n -> {}, f -> {}));
  }

  @Scheduled(
      identity = "attribution-track",
      every = "${tutti.attribution.track-poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> poll() {
    return drain().replaceWithVoid();
  }

  /** Processes batches until none is left; answers how many calls were processed. */
  public Uni<Integer> drain() {
    if (!running.compareAndSet(false, true)) {
      again.set(true);
      return Uni.createFrom().item(0);
    }
    again.set(false);
    return loop(0)
        .onFailure()
        .invoke(failure -> LOG.errorf(failure, "processing tracking calls failed"))
        .onFailure()
        .recoverWithItem(0)
        .eventually(
            () -> {
              running.set(false);
              if (again.getAndSet(false)) {
                kick();
              }
            });
  }

  private Uni<Integer> loop(int done) {
    return batch()
        .chain(
            count ->
                count >= config.trackBatchSize() || count > 0 && again.getAndSet(false)
                    ? loop(done + count)
                    : Uni.createFrom().item(done + count));
  }

  /** One batch in one transaction; on failure, each of its calls in a transaction of its own. */
  private Uni<Integer> batch() {
    return Panache.withTransaction(
            () ->
                claim(config.trackBatchSize())
                    .call(
                        claimed ->
                            claimed.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : processAll(claimed).chain(() -> delete(claimed))))
        .map(List::size)
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.warnf(failure, "a batch of tracking calls failed; retrying them one by one");
              return oneByOne();
            });
  }

  private Uni<Integer> oneByOne() {
    return Panache.withTransaction(() -> claim(config.trackBatchSize()))
        .map(claimed -> claimed.stream().map(Accepted::id).toList())
        .chain(
            ids -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (Long id : ids) {
                chain = chain.chain(() -> single(id));
              }
              return chain.replaceWith(ids.size());
            });
  }

  private Uni<Void> single(long id) {
    return Panache.withTransaction(
            () ->
                claimOne(id)
                    .chain(
                        claimed ->
                            claimed.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : processAll(claimed).chain(() -> delete(claimed))))
        .onFailure()
        .recoverWithUni(
            failure ->
                Panache.withTransaction(
                        () ->
                            NativeSql.update(
                                "update track_inbox set attempts = attempts + 1, error = :error,"
                                    + " failed_at = case when attempts + 1 >= :max then now() end"
                                    + " where id = :id",
                                Map.of(
                                    "error", String.valueOf(failure.getMessage()),
                                    "max", config.trackMaxAttempts(),
                                    "id", id)))
                    .invoke(() -> LOG.errorf(failure, "tracking call %d failed", id))
                    .replaceWithVoid());
  }

  private Uni<List<Accepted>> claim(int limit) {
    return NativeSql.rows(
            "select id, workspace_id, cast(body as text) from track_inbox where failed_at is null"
                + " order by id limit :limit for update skip locked",
            Map.of("limit", limit))
        .map(TrackProcessor::accepted);
  }

  private Uni<List<Accepted>> claimOne(long id) {
    return NativeSql.rows(
            "select id, workspace_id, cast(body as text) from track_inbox where id = :id and"
                + " failed_at is null for update skip locked",
            Map.of("id", id))
        .map(TrackProcessor::accepted);
  }

  private static List<Accepted> accepted(List<Object[]> rows) {
    List<Accepted> accepted = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      accepted.add(new Accepted(((Number) row[0]).longValue(), (String) row[1], (String) row[2]));
    }
    return accepted;
  }

  private Uni<Void> processAll(List<Accepted> claimed) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Accepted accepted : claimed) {
      chain = chain.chain(() -> sessions.record(accepted.workspaceId(), accepted.event()));
    }
    return chain;
  }

  private Uni<Void> delete(List<Accepted> claimed) {
    return NativeSql.update(
            "delete from track_inbox where id in (:ids)",
            Map.of("ids", claimed.stream().map(Accepted::id).toList()))
        .replaceWithVoid();
  }
}
