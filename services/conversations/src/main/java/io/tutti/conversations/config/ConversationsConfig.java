package io.tutti.conversations.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the conversations service ({@code tutti.conversations.*}). */
@ConfigMapping(prefix = "tutti.conversations")
public interface ConversationsConfig {

  /**
   * How long after a conversation was resolved a new message from the customer re-opens it; a later
   * message starts a new conversation.
   */
  @WithDefault("24h")
  Duration reopenWindow();

  /** How often the scheduler looks for snoozed conversations whose time has come. */
  @WithDefault("15s")
  Duration snoozeCheckInterval();

  /** How many snoozed conversations one scheduler pass wakes at most. */
  @WithDefault("200")
  int snoozeBatchSize();

  /** Page size of a list when the request names none. */
  @WithDefault("25")
  int defaultPageSize();

  /** Largest page a request may ask for. */
  @WithDefault("100")
  int maxPageSize();

  /**
   * The queue's counts count no further than this (a badge then reads "10k+"), so they cost the
   * same in a workspace of a million conversations as in one of ten thousand.
   */
  @WithDefault("10000")
  int countLimit();

  /**
   * How long a receipt for a platform message id nobody has claimed yet is kept, waiting for the
   * {@code sent} status that names the message.
   */
  @WithDefault("7d")
  Duration pendingReceiptRetention();
}
