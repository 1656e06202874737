package io.tutti.connectors.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class VisitorConnectionsTest {

  @TestHTTPResource("/")
  URI server;

  @Inject Vertx vertx;

  @Inject VisitorConnections connections;

  @Test
  void pushReachesEveryOpenTabOfTheVisitorAndNobodyElse() {
    JsonPath inbox = ChatSocketTest.webInbox();
    UUID inboxId = UUID.fromString(inbox.getString("id"));
    String visitorId = ChatSocketTest.visitorId();
    String someoneElse = ChatSocketTest.visitorId();

    try (ChatClient firstTab = visitor(inbox, visitorId);
        ChatClient secondTab = visitor(inbox, visitorId);
        ChatClient otherVisitor = visitor(inbox, someoneElse)) {
      // A connection's frames wait for its opening: a pong means it is registered.
      for (ChatClient chat : new ChatClient[] {firstTab, secondTab, otherVisitor}) {
        assertThat(chat.exchange(ping()).getString("type")).isEqualTo("pong");
      }
      assertThat(connections.isOnline(inboxId, visitorId)).isTrue();

      int reached =
          connections
              .push(
                  inboxId,
                  visitorId,
                  new ServerFrame.AgentMessage(
                      "reply-1",
                      "Yes, we ship to Lisbon.",
                      "Ada",
                      Instant.parse("2026-03-01T10:15:30Z"),
                      java.util.List.of()))
              .await()
              .atMost(Duration.ofSeconds(5));

      assertThat(reached).isEqualTo(2);
      for (ChatClient tab : new ChatClient[] {firstTab, secondTab}) {
        assertThat(tab.next().getMap())
            .containsOnly(
                entry("type", "message"),
                entry("id", "reply-1"),
                entry("text", "Yes, we ship to Lisbon."),
                entry("authorName", "Ada"),
                entry("sentAt", "2026-03-01T10:15:30Z"),
                entry("attachments", java.util.List.of()));
      }
      // Its next frame answers its own ping: nothing was pushed to it before.
      assertThat(otherVisitor.exchange(ping()).getString("type")).isEqualTo("pong");
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> !connections.isOnline(inboxId, visitorId));
    assertThat(
            connections
                .push(inboxId, visitorId, new ServerFrame.Pong())
                .await()
                .atMost(Duration.ofSeconds(5)))
        .isZero();
  }

  @Test
  void visitorWhoNeverConnectedIsOffline() {
    assertThat(connections.isOnline(UUID.randomUUID(), ChatSocketTest.visitorId())).isFalse();
  }

  @Test
  void refusedConnectionIsNeverOnline() {
    JsonPath inbox = ChatSocketTest.webInbox(java.util.List.of("https://shop.example"));
    String visitorId = ChatSocketTest.visitorId();

    try (ChatClient chat =
        ChatClient.visitor(
            vertx.getDelegate(),
            server,
            inbox.getString("siteKey"),
            visitorId,
            "https://elsewhere.example")) {
      assertThat(chat.awaitClosed().code()).isEqualTo(ChatSocket.FORBIDDEN);
    }

    assertThat(connections.isOnline(UUID.fromString(inbox.getString("id")), visitorId)).isFalse();
  }

  private ChatClient visitor(JsonPath inbox, String visitorId) {
    return ChatClient.visitor(vertx.getDelegate(), server, inbox.getString("siteKey"), visitorId);
  }

  private static JsonObject ping() {
    return new JsonObject().put("type", "ping");
  }
}
