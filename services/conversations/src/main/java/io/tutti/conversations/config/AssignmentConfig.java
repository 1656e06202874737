package io.tutti.conversations.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of agents and automatic assignment ({@code tutti.assignment.*}). */
@ConfigMapping(prefix = "tutti.assignment")
public interface AssignmentConfig {

  /** Open and pending conversations a new agent takes at once until an admin says otherwise. */
  @WithDefault("10")
  int defaultCapacity();

  /**
   * An online agent not seen for this long (no request, no heartbeat) goes offline by themselves.
   */
  @WithDefault("5m")
  Duration presenceTimeout();

  /**
   * How often an agent's requests refresh their record at most: seeing them is a database write,
   * and one a minute is plenty against a timeout of minutes. Kept below the timeout whatever is
   * set.
   */
  @WithDefault("1m")
  Duration presenceRefresh();

  /**
   * How often the scheduler takes offline the agents who went away, re-assigns unanswered
   * conversations and serves every team queue (which the immediate signals normally keep empty).
   */
  @WithDefault("30s")
  Duration checkInterval();

  /** Waiting conversations one pass over a team queue takes at most. */
  @WithDefault("100")
  int queueBatchSize();

  /** Unanswered conversations one pass of the no-reply watch re-assigns at most. */
  @WithDefault("100")
  int noReplyBatchSize();

  /**
   * How often the queue gauges ({@code tutti.assignment.waiting}, {@code
   * tutti.assignment.oldest.age}) are read from the database; scrapes in between see the last
   * reading.
   */
  @WithDefault("15s")
  Duration metricsInterval();
}
