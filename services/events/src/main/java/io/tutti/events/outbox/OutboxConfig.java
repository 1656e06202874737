package io.tutti.events.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay publishes. */
@ConfigMapping(prefix = "tutti.outbox")
public interface OutboxConfig {

  /** Whether this instance runs a relay at all. */
  @WithDefault("true")
  boolean enabled();

  /** How often the relay looks for due events when nothing woke it up. */
  @WithDefault("100ms")
  Duration pollInterval();

  /** How many events one relay pass locks and publishes together. */
  @WithDefault("200")
  int batchSize();

  /**
   * How long to wait for the broker to confirm a batch before treating the unconfirmed ones as
   * failed.
   */
  @WithDefault("10s")
  Duration confirmTimeout();

  /**
   * A relay pass that sits this long in its transaction without a word to PostgreSQL (a publish
   * that never ends) has its session ended by PostgreSQL, which unlocks its batch for the next
   * pass: no event stays locked in the outbox however the broker went away. Longer than a pass may
   * wait for a connection and its confirms.
   */
  @WithDefault("60s")
  Duration stalledPassLimit();

  /** Delay before the first retry of an event the broker refused; doubles per attempt. */
  @WithDefault("1s")
  Duration initialBackoff();

  /** Upper bound of the retry delay. */
  @WithDefault("1m")
  Duration maxBackoff();

  /** How long published events and processed-event ids are kept before the janitor deletes them. */
  @WithDefault("7d")
  Duration retention();

  /**
   * How often the backlog gauges ({@code tutti.outbox.pending}, {@code tutti.outbox.oldest.age})
   * are read from the database; scrapes in between see the last reading.
   */
  @WithDefault("5s")
  Duration metricsInterval();
}
