package io.tutti.connectors.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbox.Channel;
import io.tutti.web.problem.Problem;
import io.tutti.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * What became of each platform webhook delivery, per channel: {@code tutti.webhooks.accepted}
 * (stored and answered 200) and {@code tutti.webhooks.rejected} by {@code reason}. A rise in
 * rejections is what an operator sees first when an app secret was rotated on the platform's side
 * ({@code bad-signature}), a webhook URL points at a deleted inbox ({@code unknown-inbox}) or a
 * platform changed its payloads ({@code malformed-body}).
 *
 * <p>The reason is read from the problem the delivery was refused with, so every check keeps
 * throwing what it throws today and the answer to the platform is unchanged. Reasons are a fixed
 * set: a refusal this class does not know counts as {@code other}, and a failure of our own (the
 * database down: a 5xx the platform will retry) as {@code error}, never as a new series.
 */
@Startup
@ApplicationScoped
public class WebhookMetrics {

  private final MeterRegistry registry;

  public WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Present from the start at zero, so a first delivery is a visible increase, not a new series.
    Arrays.stream(Channel.values())
        .filter(channel -> channel.webhookSegment().isPresent())
        .forEach(this::accepted);
  }

  /**
   * Runs the handling of one delivery on {@code channel} and counts how it ended. The handling may
   * also throw before it returns its {@code Uni} (the checks of the content type and size do): that
   * too is a rejection.
   */
  public <T> Uni<T> observe(Channel channel, Supplier<Uni<? extends T>> delivery) {
    return Uni.createFrom()
        .deferred(delivery)
        .onItem()
        .invoke(() -> accepted(channel).increment())
        .onFailure()
        .invoke(failure -> rejected(channel, reason(failure)).increment());
  }

  /** The reason tag of a refusal; see the class comment. */
  static String reason(Throwable failure) {
    if (!(failure instanceof ProblemException refused)) {
      return "error";
    }
    String type = refused.problem().type();
    if (type.equals(Problem.type("not-found"))) {
      return "unknown-inbox";
    }
    if (type.equals(Problem.type("invalid-signature"))) {
      return "bad-signature";
    }
    if (type.equals(Problem.type("malformed-body"))) {
      return "malformed-body";
    }
    if (type.equals(Problem.type("unsupported-media-type"))) {
      return "unsupported-media-type";
    }
    if (type.equals(Problem.type("payload-too-large"))) {
      return "too-large";
    }
    return refused.problem().status() >= 500 ? "error" : "other";
  }

  private Counter accepted(Channel channel) {
    return Counter.builder("tutti.webhooks.accepted")
        .description("Webhook deliveries stored and answered 200")
        .tag("channel", channel.id())
        .register(registry);
  }

  private Counter rejected(Channel channel, String reason) {
    return Counter.builder("tutti.webhooks.rejected")
        .description("Webhook deliveries refused, by why")
        .tag("channel", channel.id())
        .tag("reason", reason)
        .register(registry);
  }
}
