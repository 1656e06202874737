package io.tutti.connectors.testing;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Customers writing to an inbox through its real webhook, signed as the platform signs, at a time
 * of the test's choosing: what opens (or, long ago, no longer opens) a platform's reply window.
 */
public final class Customers {

  private Customers() {}

  /** A Messenger or Instagram DM from {@code senderId} to the account, sent at {@code at}. */
  public static void writeOnMeta(
      JsonPath inbox, String object, String accountId, String senderId, Instant at) {
    long millis = at.toEpochMilli();
    String body =
        "{\"object\":\""
            + object
            + "\",\"entry\":[{\"id\":\""
            + accountId
            + "\",\"time\":"
            + millis
            + ",\"messaging\":[{\"sender\":{\"id\":\""
            + senderId
            + "\"},\"recipient\":{\"id\":\""
            + accountId
            + "\"},\"timestamp\":"
            + millis
            + ",\"message\":{\"mid\":\"mid."
            + UUID.randomUUID()
            + "\",\"text\":\"Is this still available?\"}}]}]}";
    post(inbox, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The WhatsApp text fixture from {@code waId} to the phone number, re-timed to {@code at} and
   * given a fresh message id so every test's message is new.
   */
  public static String writeOnWhatsApp(
      JsonPath inbox, String phoneNumberId, String waId, Instant at) {
    String wamid = "wamid." + UUID.randomUUID().toString().replace("-", "");
    String body =
        new String(Fixtures.bytes("whatsapp/text_message.json"), StandardCharsets.UTF_8)
            .replace("1122334455667", phoneNumberId)
            .replace("972987654321", waId)
            .replace("wamid.xyzxyz", wamid)
            .replace("1697043223", String.valueOf(at.getEpochSecond()));
    post(inbox, body.getBytes(StandardCharsets.UTF_8));
    return wamid;
  }

  /** Posts a body to the inbox's Meta webhook, signed with the test app secret. */
  public static void post(JsonPath inbox, byte[] body) {
    given()
        .contentType("application/json")
        .header("X-Hub-Signature-256", Inboxes.metaSignature(body))
        .body(body)
        .when()
        .post(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(200);
  }
}
