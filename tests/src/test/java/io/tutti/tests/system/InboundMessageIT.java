package io.tutti.tests.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A customer's Instagram DM travels the whole front half of the system: ada connects an inbox
 * through the gateway, Instagram calls the webhook URL Tutti showed her (the gateway), and the
 * normalised {@code message.received} appears on the real broker.
 */
class InboundMessageIT {

  private static final String APP_SECRET = "system-test-app-secret";

  private Connection broker;
  private Channel channel;
  private String queue;

  @BeforeEach
  void listenOnTheBroker() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(RunningSystem.env("TUTTI_RABBITMQ_HOST", "127.0.0.1"));
    factory.setPort(Integer.parseInt(RunningSystem.env("TUTTI_RABBITMQ_PORT", "5672")));
    factory.setUsername(RunningSystem.env("TUTTI_RABBITMQ_USER", "guest"));
    factory.setPassword(RunningSystem.env("TUTTI_RABBITMQ_PASSWORD", "guest"));
    factory.setVirtualHost(RunningSystem.env("TUTTI_RABBITMQ_VHOST", "/"));
    broker = factory.newConnection("tutti-system-test");
    channel = broker.createChannel();
    queue = channel.queueDeclare().getQueue();
    channel.queueBind(queue, "tutti.events", "message.received");
  }

  @AfterEach
  void close() throws Exception {
    broker.close();
  }

  @Test
  void adminConnectsInstagramAndACustomersDmArrivesAsAnEvent() throws Exception {
    String account = String.valueOf(System.currentTimeMillis());
    JsonPath inbox =
        connectInbox(
            Map.of(
                "name",
                "Instagram system test " + account,
                "channel",
                "instagram",
                "instagramAccountId",
                account,
                "accessToken",
                "IGQV-system-test",
                "appSecret",
                APP_SECRET));
    assertThat(inbox.getString("webhookUrl"))
        .startsWith(RunningSystem.GATEWAY_URL + "/webhooks/instagram/");

    String mid = "system-test-" + account;
    byte[] dm =
        ("{\"object\":\"instagram\",\"entry\":[{\"time\":1731312000512,\"id\":\""
                + account
                + "\",\"messaging\":[{\"sender\":{\"id\":\"6543210987654321\"},\"recipient\":{\"id\":\""
                + account
                + "\"},\"timestamp\":1731312000301,\"message\":{\"mid\":\""
                + mid
                + "\",\"text\":\"Is the linen shirt still available? 👕\"}}]}]}")
            .getBytes(StandardCharsets.UTF_8);
    given()
        .contentType("application/json")
        .header("X-Hub-Signature-256", RunningSystem.metaSignature(APP_SECRET, dm))
        .body(dm)
        .when()
        .post(inbox.getString("webhookUrl"))
        .then()
        .statusCode(200);

    JsonPath event = awaitEventOf(inbox.getString("id"));
    assertThat(event.getString("type")).isEqualTo("message.received");
    assertThat(event.getString("workspaceId")).isEqualTo("acme");
    assertThat(event.getString("payload.channel")).isEqualTo("instagram");
    assertThat(event.getString("payload.externalContactId")).isEqualTo("6543210987654321");
    assertThat(event.getString("payload.platformMessageId")).isEqualTo(mid);
    assertThat(event.getString("payload.text")).isEqualTo("Is the linen shirt still available? 👕");
  }

  @Test
  void onlyTheWorkspacesAdminsSeeItsInboxes() {
    String id =
        connectInbox(Map.of("name", "Website " + System.nanoTime(), "channel", "web"))
            .getString("id");
    given()
        .auth()
        .oauth2(RunningSystem.accessTokenFor("bob"))
        .when()
        .get(RunningSystem.GATEWAY_URL + "/api/inboxes/" + id)
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(RunningSystem.accessTokenFor("alice"))
        .when()
        .get(RunningSystem.GATEWAY_URL + "/api/inboxes")
        .then()
        .statusCode(403);
    given().when().get(RunningSystem.GATEWAY_URL + "/api/inboxes").then().statusCode(401);
  }

  @Test
  void emailWithItsBearerSecretPassesTheGatewayUntouched() {
    String secret = "system-test-inbound-secret-" + System.nanoTime();
    JsonPath inbox =
        connectInbox(
            Map.of(
                "name",
                "Support " + System.nanoTime(),
                "channel",
                "email",
                "address",
                "support-" + System.nanoTime() + "@acme.example",
                "inboundSecret",
                secret));
    String messageId = "system-test-" + System.nanoTime() + "@customer.example";
    String email =
        "From: Dana Customer <dana@customer.example>\r\n"
            + "To: support@acme.example\r\n"
            + "Subject: Where is my order?\r\n"
            + "Message-ID: <"
            + messageId
            + ">\r\n"
            + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "Order 1042 has not arrived.\r\n";
    given()
        .contentType("message/rfc822")
        .header("Authorization", "Bearer " + secret)
        .body(email.getBytes(StandardCharsets.UTF_8))
        .when()
        .post(inbox.getString("webhookUrl"))
        .then()
        .statusCode(200);

    JsonPath event = awaitEventOf(inbox.getString("id"));
    assertThat(event.getString("payload.channel")).isEqualTo("email");
    assertThat(event.getString("payload.externalContactId")).isEqualTo("dana@customer.example");
    assertThat(event.getString("payload.contactName")).isEqualTo("Dana Customer");
    assertThat(event.getString("payload.subject")).isEqualTo("Where is my order?");
    assertThat(event.getString("payload.platformMessageId")).isEqualTo(messageId);
  }

  /** Creates an inbox through the gateway; a webhook URL, when shown, is the gateway's. */
  private static JsonPath connectInbox(Map<String, Object> fields) {
    JsonPath inbox = RunningSystem.connectInbox(fields);
    String webhookUrl = inbox.getString("webhookUrl");
    assertThat(
            webhookUrl == null || webhookUrl.startsWith(RunningSystem.GATEWAY_URL + "/webhooks/"))
        .as("webhook URL %s", webhookUrl)
        .isTrue();
    return inbox;
  }

  /** The first {@code message.received} of the inbox that reaches this test's queue. */
  private JsonPath awaitEventOf(String inboxId) {
    List<JsonPath> events = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              GetResponse message;
              while ((message = channel.basicGet(queue, true)) != null) {
                JsonPath event =
                    JsonPath.from(new String(message.getBody(), StandardCharsets.UTF_8));
                if (inboxId.equals(event.getString("payload.inboxId"))) {
                  events.add(event);
                }
              }
              return !events.isEmpty();
            });
    return events.getFirst();
  }
}
