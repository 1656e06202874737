package io.tutti.connectors.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.tutti.connectors.testing.Bot;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.FakePlatforms;
import io.tutti.connectors.testing.OutboundTest;
import io.tutti.connectors.testing.Replies;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.OutboundRequested;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class TelegramReplyTest extends OutboundTest {

  private static final String CHAT = "1111111";

  @Test
  void replyQuotesTheCustomersMessageInTheirChat() {
    Bot bot = Bot.connect();
    FakePlatforms.answer(bot.path("sendMessage"), 200, sentMessage(1366));

    OutboundRequested reply =
        Replies.replyingTo(
            Replies.text(bot.inboxId(), "telegram", CHAT, "Welcome! How can we help?"),
            CHAT + ":1365");
    Replies.send(vertx, reply);

    assertThat(awaitStatus(reply.messageId(), MessageStatusChanged.SENT).platformMessageId())
        .isEqualTo(CHAT + ":1366");
    LoggedRequest request = FakePlatforms.requestsTo(bot.path("sendMessage")).getFirst();
    assertThat(new JsonObject(request.getBodyAsString()))
        .isEqualTo(
            new JsonObject()
                .put("chat_id", 1111111L)
                .put("text", "Welcome! How can we help?")
                .put(
                    "reply_parameters",
                    new JsonObject()
                        .put("message_id", 1365L)
                        .put("allow_sending_without_reply", true)));
  }

  @Test
  void textOverTelegramsLimitIsSplitAndAPhotoGoesWithSendPhoto() {
    Bot bot = Bot.connect();
    FakePlatforms.answer(bot.path("sendMessage"), 200, sentMessage(2000));
    FakePlatforms.answer(bot.path("sendPhoto"), 200, sentMessage(2001));
    String text = "A line of our terms and conditions.\n".repeat(150);
    OutboundRequested reply =
        Replies.withAttachments(
            Replies.text(bot.inboxId(), "telegram", CHAT, text),
            List.of(new Attachment("image", "https://files.acme.test/menu.jpg", null, null, null)));
    Replies.send(vertx, reply);

    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    List<String> texts =
        FakePlatforms.requestsTo(bot.path("sendMessage")).stream()
            .map(request -> new JsonObject(request.getBodyAsString()).getString("text"))
            .toList();
    assertThat(texts)
        .hasSize(2)
        .allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(4096));
    assertThat(String.join("\n", texts)).isEqualTo(text.strip());
    assertThat(
            new JsonObject(
                FakePlatforms.requestsTo(bot.path("sendPhoto")).getFirst().getBodyAsString()))
        .isEqualTo(
            new JsonObject()
                .put("chat_id", 1111111L)
                .put("photo", "https://files.acme.test/menu.jpg"));
  }

  @Test
  void blockedByTheCustomerFailsWithoutRetrying() {
    Bot bot = Bot.connect();
    FakePlatforms.answer(
        bot.path("sendMessage"),
        403,
        "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was"
            + " blocked by the user\"}");
    OutboundRequested reply = Replies.text(bot.inboxId(), "telegram", CHAT, "Hello?");
    Replies.send(vertx, reply);

    MessageStatusChanged failed = awaitStatus(reply.messageId(), MessageStatusChanged.FAILED);
    assertThat(failed.error())
        .isEqualTo(new MessageStatusChanged.Error("403", "Forbidden: bot was blocked by the user"));
    assertThat(settledStatuses(reply.messageId())).hasSize(1);
    assertThat(FakePlatforms.requestsTo(bot.path("sendMessage"))).hasSize(1);
  }

  @Test
  void tooManyRequestsWaitsAsLongAsTelegramAsks() {
    Bot bot = Bot.connect();
    String path = bot.path("sendMessage");
    FakePlatforms.answerInOrder(
        path,
        aResponse()
            .withStatus(429)
            .withBody(
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests:"
                    + " retry after 2\",\"parameters\":{\"retry_after\":2}}"),
        aResponse().withStatus(200).withBody(sentMessage(3000)));
    OutboundRequested reply = Replies.text(bot.inboxId(), "telegram", CHAT, "Patience pays.");
    Replies.send(vertx, reply);

    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    List<LoggedRequest> requests = FakePlatforms.requestsTo(path);
    assertThat(requests).hasSize(2);
    assertThat(
            Duration.between(
                requests.get(0).getLoggedDate().toInstant(),
                requests.get(1).getLoggedDate().toInstant()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    assertThat(settledStatuses(reply.messageId()))
        .extracting(MessageStatusChanged::status)
        .containsExactly(MessageStatusChanged.SENT);
  }

  /** The answer to a send, as the Bot API documents it. */
  private static String sentMessage(long messageId) {
    return "{\"ok\":true,\"result\":{\"message_id\":"
        + messageId
        + ",\"from\":{\"id\":123456789,\"is_bot\":true,\"first_name\":\"Acme\",\"username\":"
        + "\"acme_bot\"},\"chat\":{\"id\":1111111,\"first_name\":\"Test Firstname\","
        + "\"last_name\":\"Test Lastname\",\"username\":\"Testusername\",\"type\":\"private\"},"
        + "\"date\":1441645600,\"text\":\"ok\"}}";
  }
}
