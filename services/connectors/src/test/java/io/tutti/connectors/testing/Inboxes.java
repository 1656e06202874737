package io.tutti.connectors.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tutti.connectors.inbound.Signatures;
import java.util.Map;
import java.util.UUID;

/**
 * Creates inboxes through the real API. Call from a test method running as an admin
 * ({@code @TestSecurity(user = "ada", roles = "admin")} with a {@code workspace} claim).
 */
public final class Inboxes {

  /** An app secret tests sign Meta deliveries with. */
  public static final String APP_SECRET = "test-app-secret-0123456789abcdef";

  /** The page / system user token of every Meta inbox tests create; the fake Graph API sees it. */
  public static final String META_ACCESS_TOKEN = "EAAG-test-access-token";

  public static final String TELEGRAM_BOT_TOKEN = "123456789:AAH-test-bot-token-abcdefghijklmnop";

  public static final String TWILIO_AUTH_TOKEN = "twilio-auth-token-0123456789abcd";
  public static final String TELEGRAM_SECRET = "telegram_secret-token";
  public static final String EMAIL_SECRET = "email-inbound-secret-0123456789";

  private Inboxes() {}

  /** Creates an inbox from the given fields and answers its view. */
  public static JsonPath create(Map<String, Object> fields) {
    return given()
        .contentType(ContentType.JSON)
        .body(fields)
        .when()
        .post("/api/inboxes")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  public static JsonPath messenger(String pageId) {
    return meta("messenger", "pageId", pageId);
  }

  public static JsonPath instagram(String accountId) {
    return meta("instagram", "instagramAccountId", accountId);
  }

  public static JsonPath whatsapp(String phoneNumberId) {
    return meta("whatsapp", "phoneNumberId", phoneNumberId);
  }

  /** A Meta channel's inbox whose deliveries are signed with {@link #APP_SECRET}. */
  private static JsonPath meta(String channel, String accountField, String accountId) {
    return create(metaFields(channel, accountField, accountId));
  }

  /** The fields of a Meta inbox, for a test to add settings of its own. */
  public static Map<String, Object> metaFields(
      String channel, String accountField, String accountId) {
    return new java.util.HashMap<>(
        Map.of(
            "name",
            channel + " " + accountId,
            "channel",
            channel,
            accountField,
            accountId,
            "accessToken",
            META_ACCESS_TOKEN,
            "appSecret",
            APP_SECRET));
  }

  /** Digits no other test uses: a page, phone number or account id of the test's own. */
  public static String uniqueId() {
    return String.valueOf(
        1_000_000_000_000L
            + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 8_999_999_999_999L));
  }

  public static JsonPath sms(String phoneNumber) {
    return create(
        Map.of(
            "name",
            "SMS " + phoneNumber,
            "channel",
            "sms",
            "accountSid",
            "AC0123456789abcdef0123456789abcdef",
            "authToken",
            TWILIO_AUTH_TOKEN,
            "phoneNumber",
            phoneNumber));
  }

  public static JsonPath telegram() {
    return create(
        Map.of(
            "name",
            "Telegram bot",
            "channel",
            "telegram",
            "botToken",
            TELEGRAM_BOT_TOKEN,
            "secretToken",
            TELEGRAM_SECRET));
  }

  /** {@code sha256=<hex>} of the body under {@link #APP_SECRET}, as Meta signs it. */
  public static String metaSignature(byte[] body) {
    return "sha256=" + Signatures.hmacSha256Hex(APP_SECRET, body);
  }

  /** Posts a Meta webhook body, signed as Meta signs it, to a webhook path; answers the answer. */
  public static Response postMeta(String path, byte[] body) {
    return given()
        .contentType("application/json")
        .header("X-Hub-Signature-256", metaSignature(body))
        .body(body)
        .when()
        .post(path)
        .then()
        .extract()
        .response();
  }

  /** The path part of an inbox's webhook URL, for posting to this test's own server. */
  public static String webhookPath(JsonPath inbox) {
    String url = inbox.getString("webhookUrl");
    return url.substring(url.indexOf("/webhooks/"));
  }
}
