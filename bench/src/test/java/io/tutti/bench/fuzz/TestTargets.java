package io.tutti.bench.fuzz;

import java.util.List;
import java.util.Map;

/** Fixed targets for the generator's tests: what a set-up would have found. */
final class TestTargets {

  static final String APP_SECRET = "test-app-secret";
  static final String TWILIO_TOKEN = "test-twilio-token";
  static final String TELEGRAM_SECRET = "test-telegram-secret";
  static final String EMAIL_SECRET = "test-email-secret";

  private TestTargets() {}

  static FuzzTargets targets() {
    return new FuzzTargets(
        Map.of(
            "instagram",
                inbox("instagram", "instagram", APP_SECRET, "17841499999999977", "ig-verify"),
            "messenger",
                inbox("messenger", "messenger", APP_SECRET, "599999999999977", "page-verify"),
            "whatsapp", inbox("whatsapp", "whatsapp", APP_SECRET, "9999999999977", "wa-verify"),
            "sms", inbox("sms", "twilio", TWILIO_TOKEN, "ACf0220000000000000000000000000077", null),
            "telegram", inbox("telegram", "telegram", TELEGRAM_SECRET, null, null),
            "email", inbox("email", "email", EMAIL_SECRET, null, null)),
        "fuzz_site_key_0001",
        List.of("01a23c46-0000-7000-8000-000000000001", "01a23c46-0000-7000-8000-000000000002"),
        List.of("01a23c46-0000-7000-8000-000000000101"),
        List.of("01a23c46-0000-7000-8000-000000000201"),
        List.of("01a23c46-0000-7000-8000-000000000301"),
        List.of("01a23c46-0000-7000-8000-000000000401"),
        List.of("01a23c46-0000-7000-8000-000000000501"),
        "d2d019b2-f834-416e-a856-9bafb8a6155a");
  }

  private static FuzzTargets.Inbox inbox(
      String channel, String route, String secret, String account, String verifyToken) {
    String id = "01a23c46-0000-7000-9000-00000000000" + channel.length();
    return new FuzzTargets.Inbox(
        id, "http://127.0.0.1:8080/webhooks/" + route + "/" + id, secret, account, verifyToken);
  }
}
