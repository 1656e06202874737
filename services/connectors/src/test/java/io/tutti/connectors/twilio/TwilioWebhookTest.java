package io.tutti.connectors.twilio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.EventListeningTest;
import io.tutti.connectors.testing.Fixtures;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.connectors.testing.Twilio;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.MessageStatusChanged;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class TwilioWebhookTest extends EventListeningTest {

  @Test
  void realTwilioSmsCaptureBecomesAMessageAndGetsEmptyTwiml() {
    JsonPath inbox = Inboxes.sms("+19253920364");
    given()
        .config(Twilio.RAW_FORM)
        .contentType("application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", signature(inbox, "twilio/sms_inbound.form"))
        .body(Fixtures.bytes("twilio/sms_inbound.form"))
        .when()
        .post(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(200)
        .contentType("text/xml")
        .body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));

    MessageReceived message = only(inbox);
    assertThat(message.channel()).isEqualTo("sms");
    assertThat(message.externalContactId()).isEqualTo("+19253920364");
    assertThat(message.contactHandle()).isEqualTo("+19253920364");
    assertThat(message.text()).isEqualTo("twilio-go testing!");
    assertThat(message.platformMessageId()).isEqualTo("SM1521fa559fb923c1ed64f56cd1bed8ef");
    assertThat(message.attachments()).isEmpty();
  }

  @Test
  void mmsMediaBecomeAttachments() {
    JsonPath inbox = Inboxes.sms("+11111111111");
    post(inbox, Fixtures.bytes("twilio/mms_inbound_botbuilder_media.form"));
    MessageReceived message = only(inbox);
    assertThat(message.externalContactId()).isEqualTo("+2222");
    assertThat(message.text()).isEqualTo("Hello");
    assertThat(message.platformMessageId()).isEqualTo("3333");
    assertThat(message.attachments())
        .extracting(Attachment::url, Attachment::contentType)
        .containsExactly(Tuple.tuple("www.contoso.com", "json"));

    JsonPath plain = Inboxes.sms("+11111111111");
    post(plain, Fixtures.bytes("twilio/sms_inbound_botbuilder_nomedia.form"));
    assertThat(only(plain).attachments()).isEmpty();
  }

  @Test
  void statusCallbacksBecomeStatusChanges() {
    JsonPath inbox = Inboxes.sms("+14155550100");
    post(
        inbox,
        "MessageSid=SM0001&MessageStatus=delivered&To=%2B14155550123&From=%2B14155550100&AccountSid=AC0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.UTF_8));
    post(
        inbox,
        "MessageSid=SM0002&MessageStatus=undelivered&ErrorCode=30005&To=%2B14155550123&From=%2B14155550100"
            .getBytes(StandardCharsets.UTF_8));
    post(
        inbox,
        "MessageSid=SM0003&MessageStatus=queued&To=%2B14155550123&From=%2B14155550100"
            .getBytes(StandardCharsets.UTF_8));
    List<MessageStatusChanged> statuses =
        tap.awaitExactly(inbox.getString("id"), 2).stream()
            .map(e -> (MessageStatusChanged) e.payload())
            .toList();
    assertThat(statuses)
        .extracting(MessageStatusChanged::platformMessageId, MessageStatusChanged::status)
        .containsExactlyInAnyOrder(
            Tuple.tuple("SM0001", "delivered"), Tuple.tuple("SM0002", "failed"));
    assertThat(
            statuses.stream()
                .filter(s -> s.error() != null)
                .findFirst()
                .orElseThrow()
                .error()
                .code())
        .isEqualTo("30005");
  }

  @Test
  void wrongSignatureIsUnauthorizedAndNothingIsEmitted() {
    JsonPath inbox = Inboxes.sms("+19253920364");
    byte[] body = Fixtures.bytes("twilio/sms_inbound.form");
    given()
        .config(Twilio.RAW_FORM)
        .contentType("application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
        .body(body)
        .when()
        .post(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .config(Twilio.RAW_FORM)
        .contentType("application/x-www-form-urlencoded")
        .body(body)
        .when()
        .post(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(401);
    assertNothingStoredOrPublished(inbox.getString("id"));
  }

  private static String signature(JsonPath inbox, String fixture) {
    return Twilio.signature(inbox.getString("webhookUrl"), Fixtures.bytes(fixture));
  }

  private static void post(JsonPath inbox, byte[] form) {
    given()
        .config(Twilio.RAW_FORM)
        .contentType("application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", Twilio.signature(inbox.getString("webhookUrl"), form))
        .body(form)
        .when()
        .post(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(200);
  }

  private MessageReceived only(JsonPath inbox) {
    List<EventEnvelope> events = tap.awaitExactly(inbox.getString("id"), 1);
    assertThat(events).hasSize(1);
    return (MessageReceived) events.getFirst().payload();
  }
}
