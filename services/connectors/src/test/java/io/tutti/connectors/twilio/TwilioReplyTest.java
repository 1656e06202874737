package io.tutti.connectors.twilio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.FakePlatforms;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.connectors.testing.OutboundTest;
import io.tutti.connectors.testing.Replies;
import io.tutti.connectors.testing.Twilio;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.OutboundRequested;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class TwilioReplyTest extends OutboundTest {

  private static final String NUMBER = "+14155550100";
  private static final String CUSTOMER = "+14155550199";

  @Test
  void smsReplyIsPostedToTheMessagesApiAndItsReceiptArrives() {
    String sid = accountSid();
    JsonPath inbox = smsInbox(sid);
    String path = messagesPath(sid);
    String messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
    FakePlatforms.answer(path, 201, created(sid, messageSid));

    OutboundRequested reply =
        Replies.withAttachments(
            Replies.text(inbox.getString("id"), "sms", CUSTOMER, "Your table for 4 is booked."),
            List.of(new Attachment("image", "https://files.acme.test/map.png", null, null, null)));
    Replies.send(vertx, reply);

    MessageStatusChanged sent = awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    assertThat(sent.platformMessageId()).isEqualTo(messageSid);
    LoggedRequest request = FakePlatforms.requestsTo(path).getFirst();
    assertThat(request.getHeader("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (sid + ":" + Inboxes.TWILIO_AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(form(request.getBodyAsString()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "To", List.of(CUSTOMER),
                "From", List.of(NUMBER),
                "Body", List.of("Your table for 4 is booked."),
                "MediaUrl", List.of("https://files.acme.test/map.png"),
                "StatusCallback", List.of(inbox.getString("webhookUrl"))));

    // Twilio's status callback for that message, signed, to the inbox's webhook.
    byte[] callback =
        ("MessageSid="
                + messageSid
                + "&MessageStatus=delivered&AccountSid="
                + sid
                + "&From=%2B14155550100&To=%2B14155550199&ApiVersion=2010-04-01")
            .getBytes(StandardCharsets.UTF_8);
    given()
        .config(Twilio.RAW_FORM)
        .contentType("application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", Twilio.signature(inbox.getString("webhookUrl"), callback))
        .body(callback)
        .when()
        .post(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(200);
    assertThat(awaitStatus(reply.messageId(), MessageStatusChanged.DELIVERED).platformMessageId())
        .isEqualTo(messageSid);
  }

  @Test
  void smsLongerThanTwilioTakesIsRefusedWithItsLength() {
    String sid = accountSid();
    JsonPath inbox = smsInbox(sid);
    OutboundRequested reply =
        Replies.text(inbox.getString("id"), "sms", CUSTOMER, "Ünïcode makes it UCS-2. ".repeat(70));
    Replies.send(vertx, reply);

    MessageStatusChanged failed = awaitStatus(reply.messageId(), MessageStatusChanged.FAILED);
    assertThat(failed.error().code()).isEqualTo("too-long");
    assertThat(failed.error().message())
        .isEqualTo(
            "An SMS can be at most 1600 characters; this one is 1679 (26 segments). Shorten it.");
    assertThat(FakePlatforms.requestsTo(messagesPath(sid))).isEmpty();
  }

  @Test
  void refusedAuthTokenMarksTheInboxUnhealthyAndTheReplyIsReplayedOnceFixed() {
    String sid = accountSid();
    JsonPath inbox = smsInbox(sid);
    String path = messagesPath(sid);
    FakePlatforms.answer(
        path,
        401,
        "{\"code\": 20003, \"message\": \"Authenticate\", \"more_info\":"
            + " \"https://www.twilio.com/docs/errors/20003\", \"status\":"
            + " 401}");
    OutboundRequested reply = Replies.text(inbox.getString("id"), "sms", CUSTOMER, "Hi there");
    Replies.send(vertx, reply);

    MessageStatusChanged failed = awaitStatus(reply.messageId(), MessageStatusChanged.FAILED);
    assertThat(failed.error().code()).isEqualTo("20003");
    assertThat(FakePlatforms.requestsTo(path)).hasSize(1);
    given()
        .get("/api/inboxes/" + inbox.getString("id"))
        .then()
        .body("health.status", equalTo("unhealthy"))
        .body("health.reason", equalTo("Authenticate"));
    JsonPath deadLetter =
        given().get("/api/admin/dead-letters").then().statusCode(200).extract().jsonPath();
    String letter = deadLetter.getString("find { it.messageId == '" + reply.messageId() + "' }.id");
    assertThat(letter).isNotNull();
    assertThat(deadLetter.getString("find { it.id == '" + letter + "' }.kind"))
        .isEqualTo("delivery");

    // The admin enters the right token; Twilio takes it; the reply is replayed and goes out.
    given()
        .contentType("application/json")
        .body(fields(sid, "a-renewed-twilio-auth-token-0123"))
        .put("/api/inboxes/" + inbox.getString("id"))
        .then()
        .statusCode(200)
        .body("health.status", equalTo("healthy"));
    FakePlatforms.answer(path, 201, created(sid, "SM" + "f".repeat(32)));
    given()
        .post("/api/admin/dead-letters/" + letter + "/replay")
        .then()
        .statusCode(202)
        .body("replayedBy", equalTo("ada"));

    assertThat(awaitStatus(reply.messageId(), MessageStatusChanged.SENT).platformMessageId())
        .isEqualTo("SM" + "f".repeat(32));
    assertThat(FakePlatforms.requestsTo(path)).hasSize(2);
    assertThat(FakePlatforms.requestsTo(path).get(1).getHeader("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (sid + ":a-renewed-twilio-auth-token-0123")
                            .getBytes(StandardCharsets.UTF_8)));
    given()
        .post("/api/admin/dead-letters/" + letter + "/replay")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:tutti:problem:not-replayable"));
  }

  private static String created(String accountSid, String messageSid) {
    return "{\"account_sid\": \""
        + accountSid
        + "\", \"api_version\": \"2010-04-01\", \"body\": \"Your table for 4 is booked.\","
        + " \"direction\": \"outbound-api\", \"error_code\": null, \"error_message\": null,"
        + " \"from\": \"+14155550100\", \"num_media\": \"1\", \"num_segments\": \"1\","
        + " \"sid\": \""
        + messageSid
        + "\", \"status\": \"queued\", \"to\": \"+14155550199\", \"uri\":"
        + " \"/2010-04-01/Accounts/"
        + accountSid
        + "/Messages/"
        + messageSid
        + ".json\"}";
  }

  private static JsonPath smsInbox(String sid) {
    return Inboxes.create(fields(sid, Inboxes.TWILIO_AUTH_TOKEN));
  }

  private static Map<String, Object> fields(String sid, String authToken) {
    return new HashMap<>(
        Map.of(
            "name", "SMS " + sid,
            "channel", "sms",
            "accountSid", sid,
            "authToken", authToken,
            "phoneNumber", NUMBER));
  }

  /** An Account SID of the test's own, so its requests are told apart from other tests'. */
  private static String accountSid() {
    return "AC" + UUID.randomUUID().toString().replace("-", "");
  }

  private static String messagesPath(String sid) {
    return FakePlatforms.TWILIO + "/2010-04-01/Accounts/" + sid + "/Messages.json";
  }

  private static Map<String, List<String>> form(String body) {
    Map<String, List<String>> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      fields
          .computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
    }
    return fields;
  }
}
