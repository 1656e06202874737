package io.tutti.connectors.testing;

import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Telegram inbox with a bot token of the test's own, so the requests {@link FakePlatforms} sees
 * for it are told apart from other tests'.
 */
public record Bot(String inboxId, String token) {

  /** Connects a new bot through the API; call as an admin. */
  public static Bot connect() {
    String token =
        ThreadLocalRandom.current().nextLong(100_000_000L, 9_999_999_999L)
            + ":AAH-test-bot-token-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong());
    JsonPath inbox =
        Inboxes.create(
            Map.of(
                "name",
                "Telegram bot",
                "channel",
                "telegram",
                "botToken",
                token,
                "secretToken",
                Inboxes.TELEGRAM_SECRET));
    return new Bot(inbox.getString("id"), token);
  }

  /** The path of a Bot API method of this bot on the fake. */
  public String path(String method) {
    return FakePlatforms.TELEGRAM + "/bot" + token + "/" + method;
  }
}
