package io.tutti.attribution.shop;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tutti.events.testing.Callers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** A shop as Shopify plays it in tests: registered by an admin, then delivering signed orders. */
final class Shopify {

  static final String ORDERS_CREATE = "orders/create";
  static final String ORDERS_PAID = "orders/paid";

  /** The sample order's id, customer, amount and day (UTC), as its JSON has them. */
  static final String ORDER_ID = "5912837465120";

  static final String CUSTOMER_ID = "7301928374651";
  static final String TOTAL = "134.56";
  static final String DAY = "2025-03-14";

  private static final ObjectMapper JSON = new ObjectMapper();

  final String id;
  final String secret;

  private Shopify(String id, String secret) {
    this.id = id;
    this.secret = secret;
  }

  /** Registers a shop of the workspace as its admin; the next requests are the admin's too. */
  static Shopify register(String workspace, String domain) {
    Callers.admin("ada", workspace);
    String secret = "whsec-" + UUID.randomUUID();
    String id =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("name", "Acme", "shopDomain", domain, "webhookSecret", secret))
            .when()
            .post("/api/attribution/shops")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return new Shopify(id, secret);
  }

  /** The sample {@code orders/create} payload, byte for byte. */
  static byte[] sampleOrder() {
    try (InputStream in = Shopify.class.getResourceAsStream("/shopify/orders-create.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample order with some fields changed, as compact JSON (as Shopify sends it). */
  static byte[] order(Consumer<ObjectNode> change) {
    try {
      ObjectNode order = (ObjectNode) JSON.readTree(sampleOrder());
      change.accept(order);
      return JSON.writeValueAsBytes(order);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Delivers a body signed with the shop's secret, under a webhook id of its own. */
  ValidatableResponse deliver(String topic, byte[] body) {
    return deliver(topic, UUID.randomUUID().toString(), body);
  }

  ValidatableResponse deliver(String topic, String webhookId, byte[] body) {
    return deliverSigned(topic, webhookId, ShopifySignature.sign(secret, body), body);
  }

  ValidatableResponse deliverSigned(String topic, String webhookId, String signature, byte[] body) {
    var request =
        given()
            .contentType(ContentType.JSON)
            .header("X-Shopify-Topic", topic)
            .header("X-Shopify-Webhook-Id", webhookId)
            .header("X-Shopify-Shop-Domain", "acme.myshopify.com")
            .header("X-Shopify-API-Version", "2025-01")
            .header("X-Shopify-Triggered-At", "2025-03-14T14:41:09.123Z");
    if (signature != null) {
      request = request.header(ShopifySignature.HEADER, signature);
    }
    return request.body(body).when().post("/webhooks/shopify/" + id).then();
  }
}
