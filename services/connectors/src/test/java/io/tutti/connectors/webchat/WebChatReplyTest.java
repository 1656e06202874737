package io.tutti.connectors.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.OutboundTest;
import io.tutti.connectors.testing.Replies;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.OutboundRequested;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Agents' replies reach website visitors on their open pages, or when they come back. */
@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class WebChatReplyTest extends OutboundTest {

  @TestHTTPResource("/")
  URI server;

  @Test
  void replyReachesTheVisitorsOpenPageAndIsDelivered() {
    JsonPath inbox = ChatSocketTest.webInbox();
    String visitorId = ChatSocketTest.visitorId();
    try (ChatClient visitor = visitor(inbox, visitorId)) {
      OutboundRequested reply =
          Replies.withAttachments(
              new OutboundRequested(
                  "msg-web-" + visitorId,
                  "conv-1",
                  inbox.getString("id"),
                  "web",
                  visitorId,
                  "Hi! The blue one is back in stock.",
                  List.of(),
                  null,
                  null,
                  null,
                  null,
                  "Alice"),
              List.of(
                  new Attachment(
                      "image",
                      "https://files.acme.test/blue.jpg",
                      "blue.jpg",
                      2048L,
                      "image/jpeg")));
      Replies.send(vertx, reply);

      JsonObject frame = visitor.next();
      assertThat(frame.getString("type")).isEqualTo("message");
      assertThat(frame.getString("id")).isEqualTo(reply.messageId());
      assertThat(frame.getString("text")).isEqualTo("Hi! The blue one is back in stock.");
      assertThat(frame.getString("authorName")).isEqualTo("Alice");
      assertThat(frame.getJsonArray("attachments"))
          .isEqualTo(
              new JsonArray()
                  .add(
                      new JsonObject()
                          .put("type", "image")
                          .put("url", "https://files.acme.test/blue.jpg")
                          .put("name", "blue.jpg")
                          .put("size", 2048)
                          .put("contentType", "image/jpeg")));
      awaitStatus(reply.messageId(), MessageStatusChanged.DELIVERED);
      assertThat(settledStatuses(reply.messageId()))
          .extracting(MessageStatusChanged::status)
          .containsExactly(MessageStatusChanged.SENT, MessageStatusChanged.DELIVERED);
    }
  }

  @Test
  void replyWaitsForAVisitorWhoIsAwayAndReachesThemWhenTheyReturn() {
    JsonPath inbox = ChatSocketTest.webInbox();
    String visitorId = ChatSocketTest.visitorId();
    OutboundRequested first =
        Replies.text(inbox.getString("id"), "web", visitorId, "We open at nine.");
    OutboundRequested second =
        Replies.text(inbox.getString("id"), "web", visitorId, "See you tomorrow!");
    Replies.send(vertx, first);
    awaitStatus(first.messageId(), MessageStatusChanged.SENT);
    Replies.send(vertx, second);
    awaitStatus(second.messageId(), MessageStatusChanged.SENT);
    assertThat(statuses(first.messageId()))
        .extracting(MessageStatusChanged::status)
        .containsExactly(MessageStatusChanged.SENT);

    try (ChatClient visitor = visitor(inbox, visitorId)) {
      assertThat(List.of(visitor.next().getString("text"), visitor.next().getString("text")))
          .containsExactly("We open at nine.", "See you tomorrow!");
      awaitStatus(first.messageId(), MessageStatusChanged.DELIVERED);
      awaitStatus(second.messageId(), MessageStatusChanged.DELIVERED);
    }
  }

  private ChatClient visitor(JsonPath inbox, String visitorId) {
    return ChatClient.visitor(vertx.getDelegate(), server, inbox.getString("siteKey"), visitorId);
  }
}
