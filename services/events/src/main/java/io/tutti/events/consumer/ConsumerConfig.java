package io.tutti.events.consumer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How consumers retry an event whose handling failed before they dead-letter it. */
@ConfigMapping(prefix = "tutti.consumer")
public interface ConsumerConfig {

  /** Attempts in all, the first included; after the last the message goes to {@code tutti.dlx}. */
  @WithDefault("5")
  int maxAttempts();

  /** Delay before the second attempt; doubles for each further one. */
  @WithDefault("1s")
  Duration initialBackoff();

  /** Upper bound of the delay between attempts. */
  @WithDefault("30s")
  Duration maxBackoff();
}
