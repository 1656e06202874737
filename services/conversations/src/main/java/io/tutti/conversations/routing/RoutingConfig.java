package io.tutti.conversations.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of routing rules and their webhooks ({@code tutti.routing.*}). */
@ConfigMapping(prefix = "tutti.routing")
public interface RoutingConfig {

  /** How many rules a workspace may have; each runs on every message of its trigger. */
  @WithDefault("200")
  int maxRules();

  /** How much of a message's text conditions examine; the rest of a long email is not read. */
  @WithDefault("10000")
  int maxTextLength();

  /** How often pending webhook deliveries are looked for. */
  @WithDefault("2s")
  Duration webhookPollInterval();

  /** How many deliveries one pass sends at most. */
  @WithDefault("50")
  int webhookBatchSize();

  /** How long one webhook request may take before it counts as failed. */
  @WithDefault("5s")
  Duration webhookTimeout();

  /** Attempts of one delivery, the first included, before it is given up and recorded as failed. */
  @WithDefault("5")
  int webhookMaxAttempts();

  /** Wait before the first retry of a delivery; doubles per attempt. */
  @WithDefault("10s")
  Duration webhookInitialBackoff();

  /** The longest wait between two attempts. */
  @WithDefault("10m")
  Duration webhookMaxBackoff();
}
