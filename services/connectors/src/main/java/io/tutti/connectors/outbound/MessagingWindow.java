package io.tutti.connectors.outbound;

import java.time.Duration;
import java.time.Instant;

/**
 * The time after a customer's last message during which a platform accepts free-form replies
 * (Messenger, Instagram and WhatsApp: 24 hours; 7 with Meta's Human Agent permission).
 */
public final class MessagingWindow {

  public static final Duration STANDARD = Duration.ofHours(24);
  public static final Duration HUMAN_AGENT = Duration.ofDays(7);

  private MessagingWindow() {}

  /** Whether the customer wrote within {@code window} of {@code delivery.now()}. */
  public static boolean open(Delivery delivery, Duration window) {
    Instant last = delivery.lastInboundAt();
    return last != null && !last.plus(window).isBefore(delivery.now());
  }

  /** "3 days ago", "26 hours ago", or "never" for the refusal the agent reads. */
  public static String lastMessage(Delivery delivery) {
    Instant last = delivery.lastInboundAt();
    if (last == null) {
      return "they have not written to this inbox yet";
    }
    Duration since = Duration.between(last, delivery.now());
    long hours = since.toHours();
    String ago = hours < 48 ? hours + " hours ago" : since.toDays() + " days ago";
    return "their last message was " + ago;
  }
}
