package io.tutti.connectors.email;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How email inboxes with IMAP settings are fetched ({@code tutti.connectors.imap.*}). */
@ConfigMapping(prefix = "tutti.connectors.imap")
public interface ImapConfig {

  /** Whether this replica fetches mail over IMAP at all; the email webhook works either way. */
  @WithDefault("true")
  boolean enabled();

  /**
   * How often a mailbox is searched for unread mail when its server has no IDLE, and the longest
   * one IDLE lasts before the connection is checked and the mailbox searched again.
   */
  @WithDefault("PT30S")
  Duration pollInterval();

  /** How often the inbox table is read again, so new and changed inboxes need no restart. */
  @WithDefault("PT30S")
  Duration rescanInterval();

  /** How long connecting to an IMAP server may take. */
  @WithDefault("PT20S")
  Duration connectTimeout();

  /** How long one answer from an IMAP server may take before the connection counts as dead. */
  @WithDefault("PT60S")
  Duration readTimeout();

  /** The wait before reconnecting after a failure; it doubles with each failure in a row. */
  @WithDefault("PT5S")
  Duration retryBackoff();

  /** The longest wait between reconnection attempts of a failing mailbox. */
  @WithDefault("PT10M")
  Duration retryMaxBackoff();
}
