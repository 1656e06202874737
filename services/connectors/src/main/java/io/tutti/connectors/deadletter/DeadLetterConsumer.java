package io.tutti.connectors.deadletter;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Moves what the broker dead-lettered from connectors' queue of commands into {@code dead_letter},
 * where admins see and replay it; a queue is no place to browse. The message is acked only once
 * stored, and put back after a pause when the database cannot take it.
 */
@ApplicationScoped
public class DeadLetterConsumer {

  static final String CHANNEL = "outbound-dead-letters";

  private static final Logger LOG = Logger.getLogger(DeadLetterConsumer.class);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(5);

  private final DeadLetterService deadLetters;

  public DeadLetterConsumer(DeadLetterService deadLetters) {
    this.deadLetters = deadLetters;
  }

  @Incoming(CHANNEL)
  public Uni<Void> onDeadLetter(Message<?> message) {
    String raw = text(message.getPayload());
    EventEnvelope envelope;
    try {
      envelope = EventCodec.decode(raw);
    } catch (RuntimeException notAnEvent) {
      envelope = null;
    }
    EventEnvelope event = envelope;
    Map<String, Object> headers =
        message
            .getMetadata(IncomingRabbitMQMetadata.class)
            .map(IncomingRabbitMQMetadata::getHeaders)
            .orElse(Map.of());
    int attempts = deaths(headers);
    String reason =
        event == null
            ? "The broker received bytes that are no event."
            : "Connectors could not take this command ("
                + String.valueOf(headers.getOrDefault("x-first-death-reason", "rejected"))
                + " after "
                + attempts
                + (attempts == 1 ? " attempt" : " attempts")
                + "); the service log of that time has the cause.";
    return Panache.withTransaction(
            () -> deadLetters.ofEvent(DeadLetter.QUEUE, event, raw, reason, attempts))
        .chain(() -> Uni.createFrom().completionStage(message.ack()))
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.warnf("could not keep a dead letter, retrying: %s", failure.toString());
              return Uni.createFrom()
                  .voidItem()
                  .onItem()
                  .delayIt()
                  .by(RETRY_PAUSE)
                  .chain(
                      () ->
                          Uni.createFrom()
                              .completionStage(
                                  message.nack(
                                      failure, Metadata.of(new RabbitMQRejectMetadata(true)))));
            });
  }

  /**
   * Attempts the consumer made: a quorum queue counts returns in {@code x-delivery-count}, which
   * the dead-lettered copy keeps; else the broker's death record; at least one.
   */
  static int deaths(Map<String, Object> headers) {
    if (headers.get("x-delivery-count") instanceof Number returned) {
      return returned.intValue() + 1;
    }
    if (headers.get("x-death") instanceof List<?> list
        && !list.isEmpty()
        && list.getFirst() instanceof Map<?, ?> death
        && death.get("count") instanceof Number count) {
      return Math.max(1, count.intValue());
    }
    return 1;
  }

  private static String text(Object payload) {
    if (payload instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (payload instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
    if (payload instanceof io.vertx.core.buffer.Buffer buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
    return String.valueOf(payload);
  }
}
