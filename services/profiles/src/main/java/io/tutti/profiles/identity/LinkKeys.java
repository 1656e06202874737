package io.tutti.profiles.identity;

/**
 * What makes identities on different channels one contact without anyone deciding: the phone a
 * WhatsApp or SMS identity writes from ({@code phone:+819012345678}), the address an email identity
 * writes from or a website visitor gave ({@code email:ada@example.com}).
 */
public final class LinkKeys {

  private LinkKeys() {}

  public static String phone(String e164) {
    return "phone:" + e164;
  }

  public static String email(String address) {
    return "email:" + address;
  }
}
