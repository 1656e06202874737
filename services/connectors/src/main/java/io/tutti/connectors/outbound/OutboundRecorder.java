package io.tutti.connectors.outbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.deadletter.DeadLetterService;
import io.tutti.connectors.inbox.InboxHealth;
import io.tutti.events.EventEnvelope;
import io.tutti.events.outbox.Outbox;
import io.tutti.events.type.MessageStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Every step a reply takes, each in its own transaction with the event that announces it: a part
 * accepted, the reply sent, a retry scheduled, the reply failed (and dead-lettered when it ran out
 * of attempts or the inbox's credentials were refused).
 */
@ApplicationScoped
public class OutboundRecorder {

  static final String SOURCE = "connectors";
  private static final Logger LOG = Logger.getLogger(OutboundRecorder.class);
  private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

  private final OutboundMessageRepository messages;
  private final PlatformIdRepository platformIds;
  private final Outbox outbox;
  private final InboxHealth health;
  private final DeadLetterService deadLetters;
  private final OutboundConfig config;
  private final OutboundMetrics metrics;

  public OutboundRecorder(
      OutboundMessageRepository messages,
      PlatformIdRepository platformIds,
      Outbox outbox,
      InboxHealth health,
      DeadLetterService deadLetters,
      OutboundConfig config,
      OutboundMetrics metrics) {
    this.messages = messages;
    this.platformIds = platformIds;
    this.outbox = outbox;
    this.health = health;
    this.deadLetters = deadLetters;
    this.config = config;
    this.metrics = metrics;
  }

  /** One part went out: never sent again, whatever happens to the rest. */
  public Uni<Void> partSent(UUID id, UUID inboxId, int part, String platformMessageId) {
    return Panache.withTransaction(
        () ->
            (platformMessageId == null
                    ? Uni.createFrom().voidItem()
                    : platformIds.add(inboxId, platformMessageId, id, part))
                .chain(() -> messages.update("partsSent = ?1 where id = ?2", part + 1, id))
                .replaceWithVoid());
  }

  /** Every part went out: the reply is sent, and the inbox evidently works. */
  public Uni<Void> sent(UUID id) {
    return Panache.withTransaction(
        () ->
            messages
                .findById(id)
                .chain(
                    message -> {
                      if (OutboundMessage.SENT.equals(message.state)) {
                        return Uni.createFrom().voidItem();
                      }
                      // Even a reply failed as interrupted meanwhile did go out: say so.
                      Instant now = now();
                      message.state = OutboundMessage.SENT;
                      message.sentAt = now;
                      message.finishedAt = now;
                      message.leaseUntil = null;
                      message.errorCode = null;
                      message.errorMessage = null;
                      metrics.sent(message, now);
                      return platformIds
                          .of(id)
                          .chain(
                              ids ->
                                  status(
                                      message,
                                      MessageStatusChanged.SENT,
                                      ids.isEmpty() ? null : ids.getFirst(),
                                      null))
                          .chain(() -> health.healthy(message.inboxId));
                    }));
  }

  /** Website chat: stored for the visitor, who will get it when they are next on the site. */
  public Uni<Void> awaitingVisitor(UUID id) {
    return Panache.withTransaction(
        () ->
            messages
                .findById(id)
                .chain(
                    message -> {
                      Instant now = now();
                      message.state = OutboundMessage.AWAITING_VISITOR;
                      message.sentAt = now;
                      message.leaseUntil = null;
                      metrics.sent(message, now);
                      return status(message, MessageStatusChanged.SENT, message.messageId, null);
                    }));
  }

  /** Website chat: these replies reached an open page of their visitor. */
  public Uni<Void> deliveredToVisitor(List<OutboundMessage> pushed) {
    Instant now = now();
    return Uni.join()
        .all(
            pushed.stream()
                .map(
                    message -> {
                      message.state = OutboundMessage.DELIVERED;
                      message.finishedAt = now;
                      return status(
                          message, MessageStatusChanged.DELIVERED, message.messageId, null);
                    })
                .toList())
        .usingConcurrencyOf(1)
        .andFailFast()
        .replaceWithVoid();
  }

  /**
   * A send failed: a transient failure with attempts left is scheduled again; anything else fails
   * the reply for good, tells the agent why, and keeps it as a dead letter when a replay could
   * still succeed (out of attempts, or credentials that an admin can fix).
   */
  public Uni<Void> failed(UUID id, SendFailure failure, int partsInAll) {
    return Panache.withTransaction(
        () ->
            messages
                .findById(id)
                .chain(
                    message -> {
                      if (!OutboundMessage.SENDING.equals(message.state)) {
                        // Another replica's janitor, or a replay, got there first.
                        return Uni.createFrom().voidItem();
                      }
                      if (failure.retryable() && message.attempts < config.maxAttempts()) {
                        return retryLater(message, failure);
                      }
                      return failForGood(message, failure, partsInAll);
                    }));
  }

  private Uni<Void> retryLater(OutboundMessage message, SendFailure failure) {
    Duration delay = delay(message.attempts, failure.retryAfter());
    message.state = OutboundMessage.QUEUED;
    message.nextAttemptAt = now().plus(delay);
    message.leaseUntil = null;
    message.errorCode = truncate(failure.code(), 100);
    message.errorMessage = truncate(failure.getMessage(), 2000);
    LOG.infof(
        "reply %s on %s failed (attempt %d of %d), retrying in %d ms: %s",
        message.messageId,
        message.channel,
        message.attempts,
        config.maxAttempts(),
        delay.toMillis(),
        failure.getMessage());
    metrics.retried(message);
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> failForGood(OutboundMessage message, SendFailure failure, int partsInAll) {
    String reason = failure.getMessage();
    if (failure.retryable()) {
      reason += " (gave up after " + message.attempts + " attempts)";
    }
    if (message.partsSent > 0 && partsInAll > 1) {
      reason +=
          "; the first "
              + message.partsSent
              + " of "
              + partsInAll
              + " messages of this reply did reach the customer";
    }
    message.state = OutboundMessage.FAILED;
    message.finishedAt = now();
    message.leaseUntil = null;
    message.errorCode = truncate(failure.code(), 100);
    message.errorMessage = truncate(reason, 2000);
    metrics.failed(message, failure.kind());
    Uni<Void> done =
        status(
            message,
            MessageStatusChanged.FAILED,
            null,
            new MessageStatusChanged.Error(message.errorCode, message.errorMessage));
    if (failure.kind() == SendFailure.Kind.CREDENTIALS) {
      done = done.chain(() -> health.unhealthy(message.inboxId, failure.getMessage()));
    }
    if (failure.kind() != SendFailure.Kind.PERMANENT) {
      done = done.chain(() -> deadLetters.ofDelivery(message, failure));
    }
    return done;
  }

  /**
   * The wait before another attempt: exponential with jitter so replies that failed together do not
   * return together, or what the platform asked for.
   */
  Duration delay(int attempts, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
    }
    long base = config.initialBackoff().toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
    long capped = Math.min(base, config.maxBackoff().toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  private Uni<Void> status(
      OutboundMessage message,
      String status,
      String platformMessageId,
      MessageStatusChanged.Error error) {
    return outbox
        .add(
            EventEnvelope.of(
                SOURCE,
                message.workspaceId,
                message.correlationId,
                new MessageStatusChanged(
                    message.inboxId.toString(),
                    message.channel,
                    message.messageId,
                    platformMessageId,
                    status,
                    error,
                    now(),
                    message.recipient,
                    null)))
        .replaceWithVoid();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
