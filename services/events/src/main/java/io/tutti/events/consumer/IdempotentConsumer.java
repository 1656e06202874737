package io.tutti.events.consumer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventTopology;
import io.tutti.events.tracing.EventTracing;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Runs a service's handling of one event exactly once per consumer, however often the broker
 * delivers it.
 *
 * <p>In one database transaction the event id is claimed in {@code processed_event} and the handler
 * does its work (which may add outbox events); only after that commits is the message acked. A
 * redelivered event finds its id claimed and is acked without running the handler again. A failing
 * handler rolls everything back and the message is returned to its queue after a growing delay;
 * after {@link ConsumerConfig#maxAttempts()} it is rejected to the dead-letter exchange. Bytes that
 * are not an event at all are dead-lettered at once.
 *
 * <p>The handling runs in a CONSUMER span continuing the trace the message carries ({@link
 * EventTracing#processing}), so what the handler does belongs to the trace of the change that
 * produced the event.
 *
 * <p>Use from an {@code @Incoming} method of a channel configured with {@code
 * failure-strategy=reject}:
 *
 * <pre>{@code
 * @Incoming("message-received")
 * Uni<Void> onMessage(Message<?> message) {
 *   return consumer.handle("conversations.message-received", message, this::append);
 * }
 * }</pre>
 */
@ApplicationScoped
public class IdempotentConsumer {

  private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

  private final ProcessedEventRepository processed;
  private final ConsumerConfig config;
  private final ConsumerMetrics metrics;
  private final EventTracing tracing;

  public IdempotentConsumer(
      ProcessedEventRepository processed,
      ConsumerConfig config,
      ConsumerMetrics metrics,
      EventTracing tracing) {
    this.processed = processed;
    this.config = config;
    this.metrics = metrics;
    this.tracing = tracing;
  }

  public Uni<Void> handle(
      String consumer, Message<?> message, Function<EventEnvelope, Uni<Void>> handler) {
    EventEnvelope envelope;
    try {
      envelope = decode(message.getPayload());
    } catch (EventCodec.MalformedEventException e) {
      LOG.warnf("%s dead-letters a message that is not an event: %s", consumer, e.getMessage());
      metrics.deadLettered(consumer, ConsumerMetrics.MALFORMED);
      return reject(message, e, false);
    }
    EventEnvelope event = envelope;
    return tracing
        .processing(
            consumer,
            message,
            event,
            () ->
                Panache.withTransaction(
                    () ->
                        processed
                            .claim(consumer, event.id())
                            .chain(
                                first -> {
                                  if (!first) {
                                    LOG.debugf("%s already handled event %s", consumer, event.id());
                                    return Uni.createFrom().item(false);
                                  }
                                  return handler.apply(event).replaceWith(true);
                                })))
        .invoke(first -> metrics.committed(consumer, event, first))
        .chain(() -> Uni.createFrom().completionStage(message.ack()))
        .onFailure()
        .recoverWithUni(failure -> retryOrDeadLetter(consumer, message, event, failure));
  }

  private Uni<Void> retryOrDeadLetter(
      String consumer, Message<?> message, EventEnvelope event, Throwable failure) {
    int attempt = previousDeliveries(message) + 1;
    if (attempt >= config.maxAttempts()) {
      LOG.errorf(
          "%s gives up on event %s (%s) after %d attempts, dead-lettering it: %s",
          consumer, event.id(), event.type(), attempt, failure.toString());
      metrics.deadLettered(consumer, ConsumerMetrics.EXHAUSTED);
      return reject(message, failure, false);
    }
    Duration delay = backoff(attempt);
    LOG.warnf(
        "%s failed on event %s (%s), attempt %d of %d, retrying in %s: %s",
        consumer, event.id(), event.type(), attempt, config.maxAttempts(), delay, failure);
    metrics.retried(consumer);
    return Uni.createFrom()
        .voidItem()
        .onItem()
        .delayIt()
        .by(delay)
        .chain(() -> reject(message, failure, true));
  }

  private Duration backoff(int attempt) {
    Duration delay = config.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
    return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
  }

  private static Uni<Void> reject(Message<?> message, Throwable failure, boolean requeue) {
    return Uni.createFrom()
        .completionStage(message.nack(failure, Metadata.of(new RabbitMQRejectMetadata(requeue))));
  }

  /**
   * Quorum queues count returns in {@code x-delivery-count}; classic queues only flag a redelivery.
   */
  static int previousDeliveries(Message<?> message) {
    return message
        .getMetadata(IncomingRabbitMQMetadata.class)
        .map(
            metadata ->
                metadata
                    .getHeader(EventTopology.DELIVERY_COUNT_HEADER, Number.class)
                    .map(Number::intValue)
                    .orElse(metadata.isRedeliver() ? 1 : 0))
        .orElse(0);
  }

  static EventEnvelope decode(Object payload) {
    if (payload instanceof byte[] bytes) {
      return EventCodec.decode(bytes);
    }
    if (payload instanceof String text) {
      return EventCodec.decode(text);
    }
    if (payload instanceof JsonObject || payload instanceof JsonArray) {
      return EventCodec.decode(payload.toString());
    }
    if (payload instanceof Buffer buffer) {
      return EventCodec.decode(buffer.toString(StandardCharsets.UTF_8));
    }
    if (payload instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
      return EventCodec.decode(buffer.toString(StandardCharsets.UTF_8));
    }
    throw new EventCodec.MalformedEventException(
        "unsupported payload " + (payload == null ? "null" : payload.getClass().getSimpleName()),
        null);
  }
}
