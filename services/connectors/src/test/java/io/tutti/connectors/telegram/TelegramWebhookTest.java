package io.tutti.connectors.telegram;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.EventListeningTest;
import io.tutti.connectors.testing.Fixtures;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageReceived;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class TelegramWebhookTest extends EventListeningTest {

  @Test
  void textUpdateBecomesAMessageFromTheChat() {
    JsonPath inbox = Inboxes.telegram();
    post(inbox, Fixtures.bytes("telegram/text_message_update.json"), Inboxes.TELEGRAM_SECRET, 200);
    MessageReceived message = only(inbox);
    assertThat(message.channel()).isEqualTo("telegram");
    assertThat(message.externalContactId()).isEqualTo("1111111");
    assertThat(message.contactName()).isEqualTo("Test Firstname Test Lastname");
    assertThat(message.contactHandle()).isEqualTo("@Testusername");
    assertThat(message.text()).isEqualTo("/start");
    assertThat(message.platformMessageId()).isEqualTo("1111111:1365");
  }

  @Test
  void photoKeepsTheLargestSizeAndTheCaption() {
    JsonPath inbox = Inboxes.telegram();
    post(inbox, Fixtures.bytes("telegram/photo_message_update.json"), Inboxes.TELEGRAM_SECRET, 200);
    MessageReceived message = only(inbox);
    assertThat(message.text()).isEqualTo("2sf");
    assertThat(message.contactName()).isEqualTo("barce shao");
    assertThat(message.attachments())
        .extracting(Attachment::type, Attachment::size, Attachment::platformId)
        .containsExactly(
            Tuple.tuple(
                "image",
                3352L,
                "AgACAgUAAxkBAAOaXsTXrJpeG4gP_tUlUQXSDA14lnkAAkypMRvgnylWGv_0CCWYhGvWX2ZqdAADAQADAgADbQADpzwEAAEZBA"));
  }

  @Test
  void forwardedMessageAndDocumentAndEditAreHandled() {
    JsonPath inbox = Inboxes.telegram();
    post(
        inbox,
        Fixtures.bytes("telegram/forwarded_text_message_update.json"),
        Inboxes.TELEGRAM_SECRET,
        200);
    String document =
        """
        {"update_id":900001,"message":{"message_id":7,"date":1700000000,
         "chat":{"id":42,"type":"private","first_name":"Kenji"},"from":{"id":42,"is_bot":false,"first_name":"Kenji"},
         "document":{"file_name":"invoice.pdf","mime_type":"application/pdf","file_id":"BQACAgIAAx","file_unique_id":"u1","file_size":48213},
         "caption":"請求書です"}}
        """;
    String edit =
        """
        {"update_id":900002,"edited_message":{"message_id":7,"date":1700000000,"edit_date":1700000100,
         "chat":{"id":42,"type":"private","first_name":"Kenji"},"from":{"id":42,"is_bot":false,"first_name":"Kenji"},
         "text":"請求書です (修正)"}}
        """;
    post(inbox, document.getBytes(StandardCharsets.UTF_8), Inboxes.TELEGRAM_SECRET, 200);
    post(inbox, edit.getBytes(StandardCharsets.UTF_8), Inboxes.TELEGRAM_SECRET, 200);
    List<MessageReceived> messages =
        tap.awaitExactly(inbox.getString("id"), 3).stream()
            .map(e -> (MessageReceived) e.payload())
            .toList();
    assertThat(messages)
        .extracting(MessageReceived::text, MessageReceived::kind)
        .containsExactlyInAnyOrder(
            Tuple.tuple("Let's create a new poll. First, send me the question.", "message"),
            Tuple.tuple("請求書です", "message"),
            Tuple.tuple("請求書です (修正)", "edit"));
    MessageReceived withDocument =
        messages.stream().filter(m -> "請求書です".equals(m.text())).findFirst().orElseThrow();
    assertThat(withDocument.attachments())
        .extracting(Attachment::type, Attachment::name, Attachment::contentType, Attachment::size)
        .containsExactly(Tuple.tuple("file", "invoice.pdf", "application/pdf", 48213L));
    assertThat(
            messages.stream()
                .filter(m -> m.kind().equals("edit"))
                .findFirst()
                .orElseThrow()
                .platformMessageId())
        .isEqualTo("42:7");
  }

  @Test
  void wrongOrMissingSecretTokenIsUnauthorized() {
    JsonPath inbox = Inboxes.telegram();
    byte[] body = Fixtures.bytes("telegram/text_message_update.json");
    post(inbox, body, "not-the-secret", 401);
    post(inbox, body, null, 401);
    assertNothingStoredOrPublished(inbox.getString("id"));
  }

  private static void post(JsonPath inbox, byte[] body, String secret, int status) {
    var request = given().contentType("application/json").body(body);
    if (secret != null) {
      request.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    request.when().post(Inboxes.webhookPath(inbox)).then().statusCode(status);
  }

  private MessageReceived only(JsonPath inbox) {
    List<EventEnvelope> events = tap.awaitExactly(inbox.getString("id"), 1);
    assertThat(events).hasSize(1);
    return (MessageReceived) events.getFirst().payload();
  }
}
