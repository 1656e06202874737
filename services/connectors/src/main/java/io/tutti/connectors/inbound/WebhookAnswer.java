package io.tutti.connectors.inbound;

import java.util.List;

/**
 * What a platform is told after its delivery was stored: the 200 is what matters to it; the counts
 * help whoever replays a delivery by hand.
 */
public record WebhookAnswer(boolean accepted, int events, int duplicates, List<String> ignored) {

  public static WebhookAnswer of(InboundPipeline.Accepted accepted) {
    return new WebhookAnswer(true, accepted.events(), accepted.duplicates(), accepted.ignored());
  }
}
