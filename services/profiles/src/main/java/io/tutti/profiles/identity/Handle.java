package io.tutti.profiles.identity;

/**
 * A normalised handle, before or apart from the contact holding it.
 *
 * @param channel the platform of a username; empty for phones and emails
 */
public record Handle(String kind, String value, String channel) {

  public static Handle phone(String e164) {
    return new Handle(ContactHandle.PHONE, e164, "");
  }

  public static Handle email(String address) {
    return new Handle(ContactHandle.EMAIL, address, "");
  }

  public static Handle username(String channel, String username) {
    return new Handle(ContactHandle.USERNAME, username, channel);
  }

  /** The key an identity or handle links contacts by, for phones and emails; null otherwise. */
  public String linkKey() {
    return switch (kind) {
      case ContactHandle.PHONE -> LinkKeys.phone(value);
      case ContactHandle.EMAIL -> LinkKeys.email(value);
      default -> null;
    };
  }
}
