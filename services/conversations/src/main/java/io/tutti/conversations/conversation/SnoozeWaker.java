package io.tutti.conversations.conversation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.activity.Activity;
import io.tutti.conversations.activity.ActivityLog;
import io.tutti.conversations.assignment.AssignmentSignals;
import io.tutti.conversations.config.ConversationsConfig;
import io.tutti.conversations.messaging.ConversationEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Opens snoozed conversations whose time has come. Due rows are locked with {@code SKIP LOCKED}, so
 * several replicas share the work without waking a conversation twice.
 */
@ApplicationScoped
public class SnoozeWaker {

  private static final Logger LOG = Logger.getLogger(SnoozeWaker.class);

  private final ConversationRepository conversations;
  private final ActivityLog activity;
  private final ConversationEvents events;
  private final ConversationsConfig config;
  private final AssignmentSignals signals;

  public SnoozeWaker(
      ConversationRepository conversations,
      ActivityLog activity,
      ConversationEvents events,
      ConversationsConfig config,
      AssignmentSignals signals) {
    this.conversations = conversations;
    this.activity = activity;
    this.events = events;
    this.config = config;
    this.signals = signals;
  }

  @Scheduled(
      identity = "conversations-snooze-waker",
      every = "${tutti.conversations.snooze-check-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> wakeDue() {
    return wake(Instant.now().truncatedTo(ChronoUnit.MICROS))
        .invoke(woken -> LOG.debugf("woke %d snoozed conversations", woken))
        .replaceWithVoid();
  }

  /** Wakes at most one batch of due conversations; how many it woke. */
  public Uni<Integer> wake(Instant now) {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .<UUID>createNativeQuery(
                                "select id from conversation where status = 'snoozed' and"
                                    + " snooze_until <= :now order by snooze_until, id limit"
                                    + " :size for update skip locked")
                            .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                            .setParameter("size", config.snoozeBatchSize())
                            .getResultList())
                .chain(conversations::findByIds)
                .chain(
                    due ->
                        Multi.createFrom()
                            .iterable(due)
                            .onItem()
                            .transformToUniAndConcatenate(c -> open(c, now))
                            .collect()
                            .asList()
                            .map(List::size)));
  }

  private Uni<Void> open(Conversation c, Instant now) {
    Map<String, Object> details = ActivityLog.change(c.status, Status.OPEN.id());
    details.put("reason", "snooze ended");
    c.status = Status.OPEN.id();
    c.snoozeUntil = null;
    c.updatedAt = now;
    return activity
        .record(c, Activity.STATUS_CHANGED, Activity.BY_SYSTEM, details, now)
        .chain(() -> events.updated(c, List.of("status"), "system", null))
        // One that waited in its team's queue while snoozed is for the team's agents now.
        .chain(
            () ->
                c.assigneeId == null && c.queuedAt != null
                    ? signals.team(c.teamId)
                    : Uni.createFrom().voidItem());
  }
}
