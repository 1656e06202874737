package io.tutti.connectors.inbox;

import java.util.Arrays;
import java.util.Optional;

/** The channels an inbox can connect, with the path segment of their webhook. */
public enum Channel {
  MESSENGER("messenger", "messenger"),
  INSTAGRAM("instagram", "instagram"),
  WHATSAPP("whatsapp", "whatsapp"),
  SMS("sms", "twilio"),
  TELEGRAM("telegram", "telegram"),
  EMAIL("email", "email"),
  WEB("web", null);

  private final String id;
  private final String webhookSegment;

  Channel(String id, String webhookSegment) {
    this.id = id;
    this.webhookSegment = webhookSegment;
  }

  /** The name used in the API and in events, e.g. {@code sms}. */
  public String id() {
    return id;
  }

  /** The webhook path segment, e.g. {@code twilio}; empty for the website chat (no webhook). */
  public Optional<String> webhookSegment() {
    return Optional.ofNullable(webhookSegment);
  }

  public static Optional<Channel> of(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }

  public static String names() {
    return String.join(" | ", Arrays.stream(values()).map(Channel::id).toList());
  }
}
