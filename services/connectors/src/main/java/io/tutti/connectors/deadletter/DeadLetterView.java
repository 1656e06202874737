package io.tutti.connectors.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A dead letter as admins see it.
 *
 * @param kind {@code delivery} (a reply out of retries, or refused credentials), {@code queue} (an
 *     event connectors failed to take), {@code rejected} (a command that can never be sent)
 * @param reason what went wrong, in words
 * @param errorCode the platform's error code, or Tutti's
 * @param attempts how many times it was tried
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterView(
    UUID id,
    String kind,
    String eventType,
    UUID eventId,
    String messageId,
    UUID inboxId,
    String channel,
    String reason,
    String errorCode,
    int attempts,
    Instant deadAt,
    Instant replayedAt,
    String replayedBy,
    boolean replayable) {

  static DeadLetterView of(DeadLetter letter) {
    return new DeadLetterView(
        letter.id,
        letter.kind,
        letter.eventType,
        letter.eventId,
        letter.messageId,
        letter.inboxId,
        letter.channel,
        letter.reason,
        letter.errorCode,
        letter.attempts,
        letter.deadAt,
        letter.replayedAt,
        letter.replayedBy,
        letter.replayedAt == null && !DeadLetter.REJECTED.equals(letter.kind));
  }
}
