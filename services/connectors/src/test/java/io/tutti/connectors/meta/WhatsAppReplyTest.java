package io.tutti.connectors.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.Customers;
import io.tutti.connectors.testing.FakePlatforms;
import io.tutti.connectors.testing.Fixtures;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.connectors.testing.OutboundTest;
import io.tutti.connectors.testing.Replies;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.OutboundRequested;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class WhatsAppReplyTest extends OutboundTest {

  /** Meta's documented answer to a send (as pywa's tests use it verbatim). */
  private static final String SENT =
      "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"16505555555\","
          + "\"wa_id\":\"16505555555\"}],\"messages\":[{\"id\":"
          + "\"wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA\"}]}";

  @Test
  void textReplyQuotesTheCustomersMessageThroughTheCloudApi() {
    String phone = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.whatsapp(phone);
    String customersMessage =
        Customers.writeOnWhatsApp(inbox, phone, "16505555555", Instant.now().minusSeconds(30));
    String path = FakePlatforms.GRAPH + "/" + phone + "/messages";
    FakePlatforms.answer(path, 200, SENT);

    OutboundRequested reply =
        Replies.replyingTo(
            Replies.text(inbox.getString("id"), "whatsapp", "16505555555", "Your order shipped."),
            customersMessage);
    Replies.send(vertx, reply);

    MessageStatusChanged sent = awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    assertThat(sent.platformMessageId())
        .isEqualTo("wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA");
    LoggedRequest request = FakePlatforms.requestsTo(path).getFirst();
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + Inboxes.META_ACCESS_TOKEN);
    assertThat(new JsonObject(request.getBodyAsString()))
        .isEqualTo(
            new JsonObject()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual")
                .put("to", "16505555555")
                .put("type", "text")
                .put(
                    "text",
                    new JsonObject().put("preview_url", false).put("body", "Your order shipped."))
                .put("context", new JsonObject().put("message_id", customersMessage)));
  }

  @Test
  void mediaGoesByLinkAfterTheText() {
    String phone = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.whatsapp(phone);
    Customers.writeOnWhatsApp(inbox, phone, "16505555556", Instant.now());
    String path = FakePlatforms.GRAPH + "/" + phone + "/messages";
    FakePlatforms.answer(path, 200, SENT);

    OutboundRequested reply =
        Replies.withAttachments(
            Replies.text(inbox.getString("id"), "whatsapp", "16505555556", "The manual:"),
            List.of(
                new Attachment(
                    "file", "https://files.acme.test/manual.pdf", "manual.pdf", null, null)));
    Replies.send(vertx, reply);

    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    List<LoggedRequest> requests = FakePlatforms.requestsTo(path);
    assertThat(requests).hasSize(2);
    JsonObject media = new JsonObject(requests.get(1).getBodyAsString());
    assertThat(media.getString("type")).isEqualTo("document");
    assertThat(media.getJsonObject("document"))
        .isEqualTo(
            new JsonObject()
                .put("link", "https://files.acme.test/manual.pdf")
                .put("filename", "manual.pdf"));
  }

  @Test
  void freeFormOutsideTheWindowIsRefusedButATemplateGoesOut() {
    String phone = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.whatsapp(phone);
    Customers.writeOnWhatsApp(
        inbox, phone, "4915112345678", Instant.now().minus(Duration.ofHours(25)));
    String path = FakePlatforms.GRAPH + "/" + phone + "/messages";
    FakePlatforms.answer(path, 200, SENT);

    OutboundRequested freeForm =
        Replies.text(inbox.getString("id"), "whatsapp", "4915112345678", "Are you still there?");
    Replies.send(vertx, freeForm);
    MessageStatusChanged refused = awaitStatus(freeForm.messageId(), MessageStatusChanged.FAILED);
    assertThat(refused.error().code()).isEqualTo("outside-window");
    assertThat(refused.error().message())
        .startsWith(
            "WhatsApp allows free-form replies only within 24 hours of the customer's last"
                + " message")
        .endsWith("use a template.");
    assertThat(FakePlatforms.requestsTo(path)).isEmpty();

    OutboundRequested template =
        new OutboundRequested(
            "msg-template-" + phone,
            "conv-1",
            inbox.getString("id"),
            "whatsapp",
            "4915112345678",
            null,
            List.of(),
            null,
            null,
            null,
            new OutboundRequested.Template("order_update", "en_US", List.of("Ana", "#1042")),
            "Alice");
    Replies.send(vertx, template);
    awaitStatus(template.messageId(), MessageStatusChanged.SENT);
    JsonObject body = new JsonObject(FakePlatforms.requestsTo(path).getFirst().getBodyAsString());
    assertThat(body.getString("type")).isEqualTo("template");
    assertThat(body.getJsonObject("template"))
        .isEqualTo(
            new JsonObject()
                .put("name", "order_update")
                .put("language", new JsonObject().put("code", "en_US"))
                .put(
                    "components",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("type", "body")
                                .put(
                                    "parameters",
                                    new JsonArray()
                                        .add(
                                            new JsonObject().put("type", "text").put("text", "Ana"))
                                        .add(
                                            new JsonObject()
                                                .put("type", "text")
                                                .put("text", "#1042"))))));
  }

  @Test
  void receiptsFromWhatsAppNameOurMessage() {
    // The phone number, customer and message id of the recorded status webhooks.
    String phone = "1122334455667";
    JsonPath inbox = Inboxes.whatsapp(phone);
    Customers.writeOnWhatsApp(inbox, phone, "972987654321", Instant.now());
    String path = FakePlatforms.GRAPH + "/" + phone + "/messages";
    FakePlatforms.answer(
        path,
        200,
        "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":"
            + "\"972987654321\",\"wa_id\":\"972987654321\"}],"
            + "\"messages\":[{\"id\":\"wamid.xyzxyz\"}]}");
    OutboundRequested reply =
        Replies.text(inbox.getString("id"), "whatsapp", "972987654321", "Thanks!");
    Replies.send(vertx, reply);
    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);

    Customers.post(inbox, Fixtures.bytes("whatsapp/status_delivered.json"));
    Customers.post(inbox, Fixtures.bytes("whatsapp/status_read.json"));

    assertThat(awaitStatus(reply.messageId(), MessageStatusChanged.DELIVERED).platformMessageId())
        .isEqualTo("wamid.xyzxyz");
    awaitStatus(reply.messageId(), MessageStatusChanged.READ);
  }

  @Test
  void platformsOwnWindowRefusalIsExplainedAndNotRetried() {
    String phone = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.whatsapp(phone);
    Customers.writeOnWhatsApp(inbox, phone, "4915112345679", Instant.now());
    String path = FakePlatforms.GRAPH + "/" + phone + "/messages";
    FakePlatforms.answer(
        path,
        400,
        "{\"error\":{\"message\":\"(#131047) Re-engagement message\","
            + "\"type\":\"OAuthException\",\"code\":131047,\"error_data\":"
            + "{\"messaging_product\":\"whatsapp\",\"details\":\"Message"
            + " failed to send because more than 24 hours have passed since"
            + " the customer last replied to this number.\"},"
            + "\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}");

    OutboundRequested reply =
        Replies.text(inbox.getString("id"), "whatsapp", "4915112345679", "Hello again");
    Replies.send(vertx, reply);

    MessageStatusChanged failed = awaitStatus(reply.messageId(), MessageStatusChanged.FAILED);
    assertThat(failed.error().code()).isEqualTo("131047");
    assertThat(failed.error().message())
        .contains("Re-engagement message")
        .contains("more than 24 hours have passed")
        .endsWith("use a template.");
    assertThat(settledStatuses(reply.messageId())).hasSize(1);
    assertThat(FakePlatforms.requestsTo(path)).hasSize(1);
  }
}
