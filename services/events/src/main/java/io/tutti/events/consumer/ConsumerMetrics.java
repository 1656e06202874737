package io.tutti.events.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tutti.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What operators watch of each consumer, tagged by the consumer's name alone (a handful per
 * service; never a workspace or an event id):
 *
 * <ul>
 *   <li>{@code tutti.consumer.lag}: from the event's {@code occurredAt} in the emitting service to
 *       the commit of its handling here. It adds up the outbox relay, the broker and the consumer's
 *       own queue, so it is what an agent feels as "the inbox is behind". A percentile histogram,
 *       for {@code histogram_quantile} across pods.
 *   <li>{@code tutti.consumer.handled}: events handled for the first time (committed).
 *   <li>{@code tutti.consumer.duplicates}: deliveries of an event already handled (acked, nothing
 *       done).
 *   <li>{@code tutti.consumer.retried}: failed attempts that go back to the queue for another.
 *   <li>{@code tutti.consumer.dead.lettered} by {@code reason}: {@code exhausted} (the handler kept
 *       failing) or {@code malformed} (the bytes were no event).
 * </ul>
 *
 * Clocks of two hosts may disagree by a little: a lag below zero is counted as zero.
 */
@ApplicationScoped
public class ConsumerMetrics {

  /** Dead-lettered after the last attempt failed. */
  public static final String EXHAUSTED = "exhausted";

  /** Dead-lettered at once: the message could never become an event. */
  public static final String MALFORMED = "malformed";

  private final MeterRegistry registry;
  private final Map<String, Meters> consumers = new ConcurrentHashMap<>();

  public ConsumerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The handling of {@code event} committed; {@code first} unless it had been handled before. */
  public void committed(String consumer, EventEnvelope event, boolean first) {
    Meters meters = meters(consumer);
    if (!first) {
      meters.duplicates().increment();
      return;
    }
    meters.handled().increment();
    Duration lag = Duration.between(event.occurredAt(), Instant.now());
    meters.lag().record(lag.isNegative() ? Duration.ZERO : lag);
  }

  /** An attempt failed and the message goes back to its queue. */
  public void retried(String consumer) {
    meters(consumer).retried().increment();
  }

  /** The message goes to the dead-letter exchange, for {@link #EXHAUSTED} or {@link #MALFORMED}. */
  public void deadLettered(String consumer, String reason) {
    Meters meters = meters(consumer);
    (MALFORMED.equals(reason) ? meters.malformed() : meters.exhausted()).increment();
  }

  private Meters meters(String consumer) {
    return consumers.computeIfAbsent(consumer, this::register);
  }

  private Meters register(String consumer) {
    return new Meters(
        Timer.builder("tutti.consumer.lag")
            .description(
                "From an event's occurredAt to the commit of its handling by this consumer")
            .tag("consumer", consumer)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(5))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry),
        counter("tutti.consumer.handled", "Events handled for the first time", consumer),
        counter("tutti.consumer.duplicates", "Deliveries of events already handled", consumer),
        counter("tutti.consumer.retried", "Failed attempts returned to the queue", consumer),
        deadLetters(consumer, EXHAUSTED),
        deadLetters(consumer, MALFORMED));
  }

  private Counter counter(String name, String description, String consumer) {
    return Counter.builder(name)
        .description(description)
        .tag("consumer", consumer)
        .register(registry);
  }

  private Counter deadLetters(String consumer, String reason) {
    return Counter.builder("tutti.consumer.dead.lettered")
        .description("Messages rejected to the dead-letter exchange")
        .tag("consumer", consumer)
        .tag("reason", reason)
        .register(registry);
  }

  private record Meters(
      Timer lag,
      Counter handled,
      Counter duplicates,
      Counter retried,
      Counter exhausted,
      Counter malformed) {}
}
