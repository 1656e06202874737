package io.tutti.attribution.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tutti.attribution")
public interface AttributionConfig {

  /** Where people reach this installation (the gateway), for the snippet of a tracked site. */
  @WithDefault("http://127.0.0.1:8080")
  String publicUrl();

  /** The time zone report dates are in, for a workspace that has not chosen one. */
  @WithDefault("UTC")
  String defaultTimeZone();

  /** The currency revenue is reported in, for a workspace that has not chosen one. */
  @WithDefault("USD")
  String defaultCurrency();

  /** How fast a touch's weight halves under time decay, for a workspace that has not chosen. */
  @WithDefault("7")
  double defaultHalfLifeDays();

  /** Page views this far apart start a new session. */
  @WithDefault("30m")
  Duration sessionGap();

  /** How far back a page view's {@code occurredAt} may be (offline imports). */
  @WithDefault("30d")
  Duration maxBackfill();

  /** How far ahead of this server's clock an {@code occurredAt} may be (clock skew). */
  @WithDefault("5m")
  Duration maxClockSkew();

  /**
   * Page views and identify calls the processor turns into sessions per transaction. Each page view
   * queries touches, and a query first checks every entity of the transaction for changes: larger
   * batches cost more per view.
   */
  @WithDefault("100")
  int trackBatchSize();

  /** How often the processor looks for accepted page views when none announced themselves. */
  @WithDefault("1s")
  Duration trackPollInterval();

  /** Attempts at processing an accepted page view before it is set aside with its error. */
  @WithDefault("5")
  int trackMaxAttempts();

  /** The longest date range a report covers. */
  @WithDefault("1100")
  int maxReportDays();
}
