package io.tutti.connectors.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How replies fare on each platform, tagged by {@code channel} (and, for failures, by their {@code
 * kind}), never by workspace, inbox or recipient:
 *
 * <ul>
 *   <li>{@code tutti.outbound.sent}: replies every part of which the platform accepted (on the
 *       website chat: stored for the visitor).
 *   <li>{@code tutti.outbound.retried}: transient failures scheduled for another attempt; a rising
 *       rate with a flat {@code failed} is a platform having a bad hour, not lost replies.
 *   <li>{@code tutti.outbound.failed} by {@code kind}: replies failed for good, {@code transient}
 *       (out of attempts), {@code permanent} (refused by the platform's rules), {@code credentials}
 *       (the inbox needs new ones) or {@code interrupted} (a send cut short).
 *   <li>{@code tutti.outbound.delivery}: from the agent's reply ({@code outbound.requested}'s
 *       {@code occurredAt}) to the platform's acceptance, retries and waits for earlier replies
 *       included. A percentile histogram, for p95 across pods.
 * </ul>
 */
@ApplicationScoped
public class OutboundMetrics {

  private final MeterRegistry registry;

  public OutboundMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The reply went out (on the website chat: was stored for the visitor) at {@code at}. */
  void sent(OutboundMessage message, Instant at) {
    Counter.builder("tutti.outbound.sent")
        .description("Replies the platform accepted")
        .tag("channel", message.channel)
        .register(registry)
        .increment();
    Duration took = Duration.between(message.requestedAt, at);
    Timer.builder("tutti.outbound.delivery")
        .description("From an agent's reply to the platform accepting it")
        .tag("channel", message.channel)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofHours(1))
        .register(registry)
        .record(took.isNegative() ? Duration.ZERO : took);
  }

  void retried(OutboundMessage message) {
    Counter.builder("tutti.outbound.retried")
        .description("Transient send failures scheduled for another attempt")
        .tag("channel", message.channel)
        .register(registry)
        .increment();
  }

  void failed(OutboundMessage message, SendFailure.Kind kind) {
    Counter.builder("tutti.outbound.failed")
        .description("Replies failed for good")
        .tag("channel", message.channel)
        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }
}
