package io.tutti.conversations.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventTypes;
import io.tutti.events.testing.Callers;
import io.tutti.events.testing.EventListener;
import io.tutti.events.testing.EventPublisher;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.tutti.events.type.MessageReceived;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test of the running service against the real broker and database, in a workspace of its own: it
 * publishes what other services would, listens to what conversations publishes, and calls the API
 * as ada, the workspace's admin, unless it says otherwise with {@link Callers}.
 */
public abstract class ServiceTest {

  @Inject protected Vertx vertx;

  protected EventPublisher inbound;
  protected EventListener tap;
  protected String workspace;

  @BeforeEach
  void openWorkspace() {
    workspace = "ws-" + UUID.randomUUID();
    String vhost = TuttiTestInfrastructure.vhost(ConversationsTest.VHOST);
    // What connectors and profiles would send conversations, once its queues exist.
    inbound =
        new EventPublisher(
            vertx,
            vhost,
            List.of(
                "conversations.message-received",
                "conversations.message-status",
                "conversations.contacts"));
    // What conversations publishes.
    tap =
        new EventListener(
            vertx,
            vhost,
            EventTypes.CONVERSATION_OPENED,
            EventTypes.CONVERSATION_UPDATED,
            EventTypes.CONVERSATION_MESSAGE_ADDED,
            EventTypes.OUTBOUND_REQUESTED);
    Callers.admin("ada", workspace);
  }

  @AfterEach
  void closeWorkspace() {
    tap.close();
    inbound.close();
  }

  protected static String newInbox() {
    return UUID.randomUUID().toString();
  }

  /** Publishes a customer's message as connectors would. */
  protected EventEnvelope receive(MessageReceived message) {
    return inbound.publish("connectors", workspace, message);
  }

  /** Publishes and waits until conversations has handled it; answers the event. */
  protected EventEnvelope receiveAndWait(MessageReceived message) {
    EventEnvelope event = receive(message);
    awaitHandled(event, "conversations.message-received");
    return event;
  }

  /** Waits until a consumer has committed its handling of the event. */
  protected static void awaitHandled(EventEnvelope event, String consumer) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                ((Number)
                            Database.single(
                                "select count(*) from processed_event where consumer = ? and"
                                    + " event_id = ?",
                                consumer,
                                event.id()))
                        .longValue()
                    == 1);
  }

  /** The conversation the customer's message with this platform id went to. */
  protected static String conversationOfMessage(String platformMessageId) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              Object id =
                  Database.single(
                      "select conversation_id from message where platform_message_id = ?",
                      platformMessageId);
              return id == null ? null : id.toString();
            },
            id -> id != null);
  }

  protected static JsonPath conversation(String id) {
    return given()
        .when()
        .get("/api/conversations/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  protected static JsonPath messages(String conversationId) {
    return given()
        .when()
        .get("/api/conversations/" + conversationId + "/messages?limit=100")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Posts a reply or note as the current caller; answers the 202's message. */
  protected static JsonPath write(String conversationId, Map<String, ?> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/api/conversations/" + conversationId + "/messages")
        .then()
        .statusCode(202)
        .extract()
        .jsonPath();
  }

  protected static JsonPath setStatus(String conversationId, Map<String, ?> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/api/conversations/" + conversationId + "/status")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
