package io.tutti.profiles.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.ContactResolved;
import io.tutti.events.type.IdentityObserved;
import io.tutti.events.type.MessageReceived;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test of the running service against the real broker and database, in workspace {@code acme}
 * (the one the tests' {@code @OidcSecurity} claims name): it publishes what other services would,
 * listens to what profiles publishes, and calls the API.
 */
public abstract class ServiceTest {

  public static final String WORKSPACE = "acme";

  @Inject protected Vertx vertx;

  protected Broker broker;

  @BeforeEach
  void openBroker() {
    broker = new Broker(vertx);
  }

  @AfterEach
  void closeBroker() {
    broker.close();
  }

  /** A customer's message as connectors publishes it; answers profiles' resolution of it. */
  protected ContactResolved receive(MessageReceived message) {
    return receive(WORKSPACE, message);
  }

  protected ContactResolved receive(String workspaceId, MessageReceived message) {
    EventEnvelope event = broker.publish("connectors", workspaceId, message);
    return broker.await(
        ContactResolved.class, resolved -> event.id().toString().equals(resolved.messageEventId()));
  }

  /**
   * A person attribution observed (an identify call, a shop buyer) as attribution publishes it;
   * answers profiles' resolution of it, the next one for that identity.
   */
  protected ContactResolved observe(IdentityObserved observed) {
    List<ContactResolved> before = resolutionsOf(observed);
    broker.publish("attribution", WORKSPACE, observed);
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> resolutionsOf(observed), found -> found.size() > before.size())
        .get(before.size());
  }

  /** The {@code contact.resolved} heard so far that answered observations of this identity. */
  protected List<ContactResolved> resolutionsOf(IdentityObserved observed) {
    return broker.all(
        ContactResolved.class,
        resolved ->
            resolved.messageEventId() == null
                && resolved.channel().equals(observed.channel())
                && resolved.externalContactId().equals(observed.externalId()));
  }

  /** Waits until a consumer of profiles has committed its handling of the event. */
  protected static void awaitHandled(EventEnvelope event, String consumer) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                Database.count(
                        "select count(*) from processed_event where consumer = ? and event_id = ?",
                        consumer,
                        event.id())
                    == 1);
  }

  /** A new contact: a customer's first message on WhatsApp from a number nobody else has. */
  protected String newContact(String name) {
    return receive(Messages.whatsapp(Messages.japaneseMobile().substring(1), name, "Hello"))
        .contactId();
  }

  protected static JsonPath put(String id, Map<String, ?> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .put("/api/contacts/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  protected static JsonPath contact(String id) {
    return given().when().get("/api/contacts/" + id).then().statusCode(200).extract().jsonPath();
  }
}
