package io.tutti.connectors.deadletter;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.outbound.OutboundDispatcher;
import io.tutti.connectors.outbound.OutboundMessage;
import io.tutti.connectors.outbound.OutboundMessageRepository;
import io.tutti.connectors.outbound.SendFailure;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import io.tutti.events.UuidV7;
import io.tutti.events.outbox.Outbox;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Keeps what could not be delivered, lists it for admins, and replays it on request. */
@ApplicationScoped
public class DeadLetterService {

  private static final Logger LOG = Logger.getLogger(DeadLetterService.class);
  private static final int MAX_LISTED = 500;

  private final DeadLetterRepository letters;
  private final OutboundMessageRepository outbound;
  private final Outbox outbox;
  private final OutboundDispatcher dispatcher;

  public DeadLetterService(
      DeadLetterRepository letters,
      OutboundMessageRepository outbound,
      Outbox outbox,
      OutboundDispatcher dispatcher) {
    this.letters = letters;
    this.outbound = outbound;
    this.outbox = outbox;
    this.dispatcher = dispatcher;
  }

  /** A reply that will not be retried any more; call in the transaction that fails it. */
  public Uni<Void> ofDelivery(OutboundMessage message, SendFailure failure) {
    DeadLetter letter = new DeadLetter();
    letter.id = UuidV7.next();
    letter.workspaceId = message.workspaceId;
    letter.kind = DeadLetter.DELIVERY;
    letter.eventType = io.tutti.events.EventTypes.OUTBOUND_REQUESTED;
    letter.eventId = message.eventId;
    letter.outboundId = message.id;
    letter.messageId = message.messageId;
    letter.inboxId = message.inboxId;
    letter.channel = message.channel;
    letter.reason = truncate(failure.getMessage());
    letter.errorCode = failure.code();
    letter.attempts = message.attempts;
    letter.deadAt = now();
    LOG.warnf(
        "reply %s of workspace %s dead-lettered after %d attempts: %s",
        message.messageId, message.workspaceId, message.attempts, failure.getMessage());
    return letters.persist(letter).replaceWithVoid();
  }

  /**
   * An event the broker dead-lettered, or a command that cannot be sent; {@code envelope} is null
   * when the bytes were no event.
   */
  public Uni<Void> ofEvent(
      String kind, EventEnvelope envelope, String raw, String reason, int attempts) {
    DeadLetter letter = new DeadLetter();
    letter.id = UuidV7.next();
    letter.kind = kind;
    letter.envelope = raw;
    letter.reason = truncate(reason);
    letter.attempts = attempts;
    letter.deadAt = now();
    if (envelope != null) {
      letter.workspaceId = envelope.workspaceId();
      letter.eventType = envelope.type();
      letter.eventId = envelope.id();
      if (envelope.payload() instanceof io.tutti.events.type.OutboundRequested command) {
        letter.messageId = command.messageId();
        letter.channel = command.channel();
        letter.inboxId = uuidOrNull(command.inboxId());
      }
    }
    LOG.warnf(
        "%s dead letter kept for %s: %s",
        kind, envelope == null ? "bytes that are no event" : "event " + envelope.id(), reason);
    return letters.persist(letter).replaceWithVoid();
  }

  @WithSession
  public Uni<List<DeadLetterView>> list(String workspaceId, String state) {
    Boolean open =
        switch (state == null ? "open" : state) {
          case "open" -> Boolean.TRUE;
          case "replayed" -> Boolean.FALSE;
          case "all" -> null;
          default ->
              throw Problem.validation(
                      List.of(
                          new Problem.FieldError("state", "must be one of open | replayed | all")))
                  .exception();
        };
    return letters
        .list(workspaceId, open, MAX_LISTED)
        .map(all -> all.stream().map(DeadLetterView::of).toList());
  }

  /**
   * Sends a dead letter again: a reply is queued afresh with a full set of attempts, an event is
   * published again under its own id (so consumers that did take it ignore it).
   */
  public Uni<DeadLetterView> replay(String workspaceId, UUID id, String by) {
    return replayInTransaction(workspaceId, id, by).invoke(dispatcher::wake);
  }

  @WithTransaction
  Uni<DeadLetterView> replayInTransaction(String workspaceId, UUID id, String by) {
    return letters
        .findInWorkspace(workspaceId, id)
        .onItem()
        .ifNull()
        .failWith(
            () -> Problem.notFound("No dead letter " + id + " in your workspace.").exception())
        .chain(
            letter -> {
              if (letter.replayedAt != null) {
                throw conflict(
                    "This dead letter was replayed at "
                        + letter.replayedAt
                        + "; if it failed again, it is listed anew.");
              }
              return switch (letter.kind) {
                case DeadLetter.DELIVERY -> requeue(letter);
                case DeadLetter.QUEUE -> republish(letter);
                default ->
                    throw conflict(
                        "This command can never be sent as it is ("
                            + letter.reason
                            + "); send the reply again from the conversation.");
              };
            })
        .invoke(
            letter -> {
              letter.replayedAt = now();
              letter.replayedBy = by;
              LOG.infof("dead letter %s (%s) replayed by %s", letter.id, letter.kind, by);
            })
        .map(DeadLetterView::of);
  }

  private Uni<DeadLetter> requeue(DeadLetter letter) {
    return outbound
        .findById(letter.outboundId)
        .map(
            message -> {
              if (message == null || !OutboundMessage.FAILED.equals(message.state)) {
                throw conflict("The reply is no longer failed; nothing to replay.");
              }
              message.state = OutboundMessage.QUEUED;
              message.attempts = 0;
              message.nextAttemptAt = now();
              message.finishedAt = null;
              message.errorCode = null;
              message.errorMessage = null;
              return letter;
            });
  }

  private Uni<DeadLetter> republish(DeadLetter letter) {
    EventEnvelope envelope;
    try {
      envelope = EventCodec.decode(letter.envelope);
    } catch (RuntimeException notAnEvent) {
      throw conflict("These bytes are no event; there is nothing to replay.");
    }
    return outbox.add(envelope).replaceWith(letter);
  }

  private static io.tutti.web.problem.ProblemException conflict(String detail) {
    return new Problem(Problem.type("not-replayable"), "Cannot replay", 409, detail).exception();
  }

  private static UUID uuidOrNull(String value) {
    try {
      return value == null ? null : UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static String truncate(String reason) {
    if (reason == null) {
      return "unknown";
    }
    return reason.length() > 2000 ? reason.substring(0, 2000) : reason;
  }
}
