package io.tutti.profiles.testing;

import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.Referral;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Customers' messages the way connectors normalises each channel's webhook: WhatsApp names the
 * customer by wa_id (digits, no +), SMS by E.164, email by the lower-cased address, the website
 * chat by an anonymous visitor id, Instagram, Messenger and Telegram by their platform ids.
 */
public final class Messages {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The inbox every test message arrives in, unless a test names its own. */
  public static final String INBOX = UUID.randomUUID().toString();

  private Messages() {}

  public static MessageReceived whatsapp(String waId, String name, String text) {
    return message("whatsapp", waId, name, "+" + waId, text, null);
  }

  public static MessageReceived sms(String e164, String text) {
    return message("sms", e164, null, e164, text, null);
  }

  public static MessageReceived email(String address, String name, String text) {
    return message("email", address.toLowerCase(Locale.ROOT), name, address, text, null);
  }

  /** A website chat message; {@code email} is what the visitor typed in the widget, or null. */
  public static MessageReceived web(String visitorId, String name, String email, String text) {
    return message("web", visitorId, name, email, text, null);
  }

  public static MessageReceived instagram(String igsid, String text) {
    return message("instagram", igsid, null, null, text, null);
  }

  public static MessageReceived messenger(String psid, String text) {
    return message("messenger", psid, null, null, text, null);
  }

  public static MessageReceived telegram(String chatId, String name, String username, String text) {
    return message("telegram", chatId, name, username == null ? null : "@" + username, text, null);
  }

  /** A message that came from an ad or a link with a campaign. */
  public static MessageReceived fromCampaign(
      String channel, String externalId, String campaign, Instant sentAt) {
    return new MessageReceived(
        INBOX,
        channel,
        externalId,
        null,
        null,
        "m-" + UUID.randomUUID(),
        "Hi, I saw your ad",
        List.of(),
        null,
        sentAt,
        new Referral("ADS", "ad-1", campaign, null, null),
        MessageReceived.KIND_MESSAGE,
        null,
        null,
        List.of());
  }

  public static MessageReceived message(
      String channel, String externalId, String name, String handle, String text, Instant sentAt) {
    return new MessageReceived(
        INBOX,
        channel,
        externalId,
        name,
        handle,
        "m-" + UUID.randomUUID(),
        text,
        List.of(),
        null,
        sentAt == null ? Instant.now().truncatedTo(ChronoUnit.MILLIS) : sentAt,
        null,
        MessageReceived.KIND_MESSAGE,
        null,
        null,
        List.of());
  }

  /** A Japanese mobile number nobody else in the tests has, in E.164: {@code +8190…}. */
  /**
   * A valid Japanese mobile number: 090, then a digit 1-9 (090-0 is not allocated), then 7 more.
   */
  public static String japaneseMobile() {
    return "+8190" + (1 + RANDOM.nextInt(9)) + digits(7);
  }

  public static String digits(int count) {
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < count; i++) {
      digits.append(RANDOM.nextInt(10));
    }
    return digits.toString();
  }

  /** An address nobody else in the tests has. */
  public static String email(String name) {
    return name + "." + digits(8) + "@example.com";
  }

  /** A word nobody else in the tests uses, to make names searchable without collisions. */
  public static String word() {
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      word.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return word.substring(0, 1).toUpperCase() + word.substring(1);
  }
}
