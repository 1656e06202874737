package io.tutti.connectors.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How connectors delivers agents' replies ({@code tutti.connectors.outbound.*}). */
@ConfigMapping(prefix = "tutti.connectors.outbound")
public interface OutboundConfig {

  /** Graph API base with its version: Messenger, Instagram via a Page, and WhatsApp Cloud API. */
  @WithDefault("https://graph.facebook.com/v23.0")
  String graphApiUrl();

  /** Instagram API with Instagram Login, for Instagram inboxes connected without a Page. */
  @WithDefault("https://graph.instagram.com/v23.0")
  String instagramApiUrl();

  /** Twilio's REST API base; the path {@code /2010-04-01/Accounts/...} is added. */
  @WithDefault("https://api.twilio.com")
  String twilioApiUrl();

  /** Telegram Bot API base; {@code /bot<token>/<method>} is added. */
  @WithDefault("https://api.telegram.org")
  String telegramApiUrl();

  /** Whether this instance sends replies; a replica may leave it to others. */
  @WithDefault("true")
  boolean enabled();

  /** How often the dispatcher looks for due replies when nothing woke it. */
  @WithDefault("250ms")
  Duration pollInterval();

  /** Replies taken per pass; they are sent concurrently, each recipient's in order. */
  @WithDefault("32")
  int batchSize();

  /** Attempts in all for a reply that keeps failing transiently; then it fails and dead-letters. */
  @WithDefault("6")
  int maxAttempts();

  /** Delay before the second attempt; doubles for each further one, with jitter. */
  @WithDefault("2s")
  Duration initialBackoff();

  /** Longest delay between attempts, whatever a platform's Retry-After asks. */
  @WithDefault("5m")
  Duration maxBackoff();

  /** How long one platform call may take (connect and answer). */
  @WithDefault("20s")
  Duration requestTimeout();

  /**
   * How long a reply may stay in sending. A reply found there longer was cut short by a stopped
   * process: it is failed rather than sent again, as the platform may already have it.
   */
  @WithDefault("10m")
  Duration sendLease();

  /** How often website chat replies awaiting a visitor connected here are looked for. */
  @WithDefault("1s")
  Duration sweepInterval();

  /** How often sends whose lease ran out (their process stopped) are looked for. */
  @WithDefault("30s")
  Duration leaseCheckInterval();

  /** Largest file fetched to attach to an email reply. */
  @WithDefault("10485760")
  int maxEmailAttachmentBytes();
}
