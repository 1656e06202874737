package io.tutti.tests.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An agent's reply travels the whole system: a customer's Instagram DM arrives through the gateway,
 * becomes a conversation, ada answers it through the API, connectors sends it to (a fake of) the
 * Instagram API, and the status the agent sees follows: pending, sent, then delivered when
 * Instagram's receipt arrives on the webhook.
 *
 * <p>{@code ./tutti test} points connectors' platform URLs at {@code TUTTI_FAKE_PLATFORMS_URL},
 * where {@link FakePlatformApis} serves the fake.
 */
class ReplyIT {

  private static final String APP_SECRET = "system-test-reply-app-secret";
  private static final String TOKEN = "IGAA-system-test-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void agentAnswersAnInstagramDmAndSeesItSentThenDelivered() throws Exception {
    String account = String.valueOf(System.currentTimeMillis());
    String customer = "6543210" + System.nanoTime() % 1_000_000_000L;
    JsonPath inbox =
        RunningSystem.connectInbox(
            Map.of(
                "name", "Instagram replies " + account,
                "channel", "instagram",
                "instagramAccountId", account,
                "accessToken", TOKEN,
                "appSecret", APP_SECRET));
    String sendPath = "/instagram/v23.0/" + account + "/messages";
    String sentMid = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAw" + account;
    FakePlatformApis.answer(
        sendPath, "{\"recipient_id\":\"" + customer + "\",\"message_id\":\"" + sentMid + "\"}");

    RunningSystem.postMetaWebhook(
        inbox,
        APP_SECRET,
        RunningSystem.instagramDm(account, customer, "in-" + account, "Do you ship to Lisbon?"));

    String ada = RunningSystem.accessTokenFor("ada");
    String conversation = awaitConversation(ada, inbox.getString("id"));

    JsonPath reply =
        given()
            .auth()
            .oauth2(ada)
            .contentType(ContentType.JSON)
            .body(Map.of("text", "Yes! Delivery takes 3 days."))
            .when()
            .post(RunningSystem.GATEWAY_URL + "/api/conversations/" + conversation + "/messages")
            .then()
            .statusCode(202)
            .body("status", equalTo("pending"))
            .body("direction", equalTo("out"))
            .extract()
            .jsonPath();
    String messageId = reply.getString("id");

    LoggedRequest sent =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  List<LoggedRequest> requests = FakePlatformApis.postsTo(sendPath);
                  return requests.isEmpty() ? null : requests.getFirst();
                },
                request -> request != null);
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    JsonNode body = JSON.readTree(sent.getBodyAsString());
    assertThat(body.path("recipient").path("id").asText()).isEqualTo(customer);
    assertThat(body.path("messaging_type").asText()).isEqualTo("RESPONSE");
    assertThat(body.path("message").path("text").asText()).isEqualTo("Yes! Delivery takes 3 days.");

    awaitStatus(ada, conversation, messageId, "sent");

    long later = System.currentTimeMillis();
    RunningSystem.postMetaWebhook(
        inbox,
        APP_SECRET,
        "{\"object\":\"instagram\",\"entry\":[{\"time\":"
            + later
            + ",\"id\":\""
            + account
            + "\",\"messaging\":[{\"sender\":{\"id\":\""
            + customer
            + "\"},\"recipient\":{\"id\":\""
            + account
            + "\"},\"timestamp\":"
            + later
            + ",\"delivery\":{\"mids\":[\""
            + sentMid
            + "\"],\"watermark\":"
            + later
            + "}}]}]}");

    awaitStatus(ada, conversation, messageId, "delivered");
    assertThat(FakePlatformApis.postsTo(sendPath)).hasSize(1);
  }

  /** The id of the inbox's conversation once conversations has opened it. */
  private static String awaitConversation(String token, String inboxId) {
    return RunningSystem.awaitQueue(token, inboxId, page -> page.getString("items[0].id") != null)
        .getString("items[0].id");
  }

  private static void awaitStatus(
      String token, String conversation, String messageId, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(token)
                    .when()
                    .get(
                        RunningSystem.GATEWAY_URL
                            + "/api/conversations/"
                            + conversation
                            + "/messages")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getString("items.find { it.id == '" + messageId + "' }.status"),
            status::equals);
  }
}
