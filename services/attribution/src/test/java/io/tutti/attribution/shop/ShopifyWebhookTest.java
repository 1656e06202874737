package io.tutti.attribution.shop;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.attribution.testing.AttributionTest;
import io.tutti.attribution.testing.ServiceTest;
import io.tutti.events.EventTypes;
import io.tutti.events.testing.Callers;
import io.tutti.events.type.IdentityObserved;
import io.tutti.events.type.SaleRecorded;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shopify's {@code orders/create} webhook, signed as Shopify signs it, becomes one sale per order,
 * reported on the order's day and announced once profiles says who bought.
 */
@QuarkusTest
@AttributionTest
class ShopifyWebhookTest extends ServiceTest {

  private Shopify shop;

  @BeforeEach
  void registerShop() {
    shop = Shopify.register(workspace, "acme.myshopify.com");
    Callers.actAs("sam", workspace, "sales");
  }

  @Test
  void aSignedOrderIsRecordedAsASaleOnItsDay() {
    String answer =
        shop.deliver(Shopify.ORDERS_CREATE, Shopify.sampleOrder())
            .statusCode(200)
            .body("outcome", equalTo("recorded"))
            .body("orderId", equalTo(Shopify.ORDER_ID))
            .body("saleId", notNullValue())
            .extract()
            .asString();

    JsonPath report = report(Shopify.DAY, Shopify.DAY, "last_touch", "channel");
    assertThat(report.getString("totals.sales")).isEqualTo("1.00");
    assertThat(report.getString("totals.revenue")).isEqualTo(Shopify.TOTAL);
    assertThat(answer).doesNotContain(shop.secret);
    assertThat(
            DB.single(
                "select original_amount::text || ' ' || original_currency || ' '"
                    + " || order_id from conversion where workspace_id = ? and kind = 'sale'",
                workspace))
        .isEqualTo(Shopify.TOTAL + " USD " + Shopify.ORDER_ID);
  }

  @Test
  void theSameOrderDeliveredTwiceIsOneSale() {
    String webhookId = UUID.randomUUID().toString();
    byte[] order = Shopify.sampleOrder();
    shop.deliver(Shopify.ORDERS_CREATE, webhookId, order).statusCode(200);

    shop.deliver(Shopify.ORDERS_CREATE, webhookId, order)
        .statusCode(200)
        .body("outcome", equalTo("already-recorded"))
        .body("orderId", equalTo(Shopify.ORDER_ID));
    shop.deliver(Shopify.ORDERS_PAID, order)
        .statusCode(200)
        .body("outcome", equalTo("already-recorded"));

    assertThat(sales()).isEqualTo(1);
    JsonPath report = report(Shopify.DAY, Shopify.DAY, "linear", "channel");
    assertThat(report.getString("totals.sales")).isEqualTo("1.00");
    assertThat(report.getString("totals.revenue")).isEqualTo(Shopify.TOTAL);
  }

  @Test
  void aPaidOrderFirstSeenUnderOrdersPaidIsASaleToo() {
    shop.deliver(Shopify.ORDERS_PAID, Shopify.sampleOrder())
        .statusCode(200)
        .body("outcome", equalTo("recorded"));

    assertThat(sales()).isEqualTo(1);
  }

  @Test
  void aBadSignatureIs401AndStoresNothing() {
    byte[] order = Shopify.sampleOrder();
    String signedOther = ShopifySignature.sign("not-the-shops-secret", order);

    shop.deliverSigned(Shopify.ORDERS_CREATE, UUID.randomUUID().toString(), signedOther, order)
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:invalid-signature"));
    shop.deliverSigned(Shopify.ORDERS_CREATE, UUID.randomUUID().toString(), null, order)
        .statusCode(401)
        .contentType("application/problem+json");
    shop.deliverSigned(Shopify.ORDERS_CREATE, UUID.randomUUID().toString(), "%%%", order)
        .statusCode(401);
    // Signed, then changed on the way: the signature is over the exact bytes.
    byte[] altered = Shopify.order(o -> o.put("total_price", "1.00"));
    shop.deliverSigned(
            Shopify.ORDERS_CREATE,
            UUID.randomUUID().toString(),
            ShopifySignature.sign(shop.secret, order),
            altered)
        .statusCode(401);

    assertThat(sales()).isZero();
    assertThat(deliveries()).isZero();
  }

  @Test
  void anUnknownShopIs404() {
    byte[] order = Shopify.sampleOrder();
    for (String id : List.of(UUID.randomUUID().toString(), "acme")) {
      given()
          .contentType(ContentType.JSON)
          .header("X-Shopify-Topic", Shopify.ORDERS_CREATE)
          .header(ShopifySignature.HEADER, ShopifySignature.sign(shop.secret, order))
          .body(order)
          .when()
          .post("/webhooks/shopify/" + id)
          .then()
          .statusCode(404)
          .contentType("application/problem+json");
    }
    assertThat(sales()).isZero();
  }

  @Test
  void aDeletedShopsWebhooksAre404() {
    Callers.admin("ada", workspace);
    given().when().delete("/api/attribution/shops/" + shop.id).then().statusCode(204);

    shop.deliver(Shopify.ORDERS_CREATE, Shopify.sampleOrder()).statusCode(404);

    assertThat(sales()).isZero();
  }

  @Test
  void otherTopicsAreAnsweredAndIgnored() {
    shop.deliver("orders/updated", Shopify.sampleOrder())
        .statusCode(200)
        .body("outcome", equalTo("ignored"));
    shop.deliver("customers/create", "{\"id\":7301928374651}".getBytes())
        .statusCode(200)
        .body("outcome", equalTo("ignored"));

    assertThat(sales()).isZero();
  }

  @Test
  void aTestOrderIsNoSale() {
    shop.deliver(Shopify.ORDERS_CREATE, Shopify.order(o -> o.put("test", true)))
        .statusCode(200)
        .body("outcome", equalTo("ignored"));

    assertThat(sales()).isZero();
  }

  @Test
  void anOrderNamingNoBuyerIs422AndStoresNothing() {
    byte[] anonymous =
        Shopify.order(
            o -> {
              o.remove(List.of("email", "contact_email", "phone", "customer", "billing_address"));
              o.putNull("customer");
            });

    shop.deliver(Shopify.ORDERS_CREATE, anonymous)
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("customer"));

    assertThat(sales()).isZero();
    assertThat(deliveries()).isZero();
  }

  @Test
  void aGuestCheckoutIsTheBuyersEmail() {
    byte[] guest =
        Shopify.order(
            o -> {
              o.putNull("customer");
              o.remove("contact_email");
            });

    shop.deliver(Shopify.ORDERS_CREATE, guest).statusCode(200).body("outcome", equalTo("recorded"));

    IdentityObserved observed =
        (IdentityObserved)
            listener.await(workspace, EventTypes.IDENTITY_OBSERVED, 1).getFirst().payload();
    assertThat(observed.channel()).isEqualTo(IdentityObserved.CHANNEL_SHOP);
    assertThat(observed.externalId()).isEqualTo("ada.lovelace@example.com");
    assertThat(observed.email()).isEqualTo("ada.lovelace@example.com");
  }

  @Test
  void malformedJsonIs400() {
    shop.deliver(Shopify.ORDERS_CREATE, "{\"id\": 5912837465120, \"total_price\": ".getBytes())
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:malformed-body"));

    assertThat(sales()).isZero();
  }

  @Test
  void aCurrencyWithoutExchangeRateIs422UntilTheAdminAddsOne() {
    String webhookId = UUID.randomUUID().toString();
    byte[] inEuros = Shopify.order(o -> o.put("currency", "EUR"));

    shop.deliver(Shopify.ORDERS_CREATE, webhookId, inEuros)
        .statusCode(422)
        .body("type", equalTo("urn:tutti:problem:exchange-rate-missing"));
    assertThat(sales()).isZero();
    assertThat(deliveries()).isZero();

    Callers.admin("ada", workspace);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("exchangeRates", Map.of("EUR", new BigDecimal("1.10"))))
        .when()
        .put("/api/attribution/settings")
        .then()
        .statusCode(200);
    // Shopify retries the delivery under the same webhook id.
    shop.deliver(Shopify.ORDERS_CREATE, webhookId, inEuros)
        .statusCode(200)
        .body("outcome", equalTo("recorded"));

    assertThat(sales()).isEqualTo(1);
    assertThat(
            report(Shopify.DAY, Shopify.DAY, "last_touch", "channel").getString("totals.revenue"))
        .isEqualTo("148.02");
  }

  @Test
  void anUnknownBuyerIsResolvedByProfilesAndThenTheSaleIsAnnounced() {
    shop.deliver(Shopify.ORDERS_CREATE, Shopify.sampleOrder()).statusCode(200);

    IdentityObserved observed =
        (IdentityObserved)
            listener.await(workspace, EventTypes.IDENTITY_OBSERVED, 1).getFirst().payload();
    assertThat(observed.channel()).isEqualTo(IdentityObserved.CHANNEL_SHOP);
    assertThat(observed.externalId()).isEqualTo(Shopify.CUSTOMER_ID);
    assertThat(observed.email()).isEqualTo("ada.lovelace@example.com");
    assertThat(observed.phone()).isEqualTo("+14155550142");
    assertThat(observed.name()).isEqualTo("Ada Lovelace");
    assertThat(observed.source()).isEqualTo("shopify");
    assertThat(listener.of(workspace, EventTypes.SALE_RECORDED)).isEmpty();

    String contact = UUID.randomUUID().toString();
    resolved(IdentityObserved.CHANNEL_SHOP, Shopify.CUSTOMER_ID, contact, true, Instant.now());

    SaleRecorded sale =
        (SaleRecorded) listener.await(workspace, EventTypes.SALE_RECORDED, 1).getFirst().payload();
    assertThat(sale.contactId()).isEqualTo(contact);
    assertThat(sale.orderId()).isEqualTo(Shopify.ORDER_ID);
    assertThat(sale.amount()).isEqualByComparingTo(Shopify.TOTAL);
  }

  @Test
  void aReturningCustomerIsCreditedAtOnce() {
    String contact = UUID.randomUUID().toString();
    resolved(IdentityObserved.CHANNEL_SHOP, Shopify.CUSTOMER_ID, contact, false, Instant.now());

    shop.deliver(Shopify.ORDERS_CREATE, Shopify.sampleOrder()).statusCode(200);

    SaleRecorded sale =
        (SaleRecorded) listener.await(workspace, EventTypes.SALE_RECORDED, 1).getFirst().payload();
    assertThat(sale.contactId()).isEqualTo(contact);
    assertThat(listener.of(workspace, EventTypes.IDENTITY_OBSERVED)).isEmpty();
  }

  @Test
  void noAnswerCarriesTheSecret() {
    shop.deliver(Shopify.ORDERS_CREATE, Shopify.sampleOrder())
        .body(not(containsString(shop.secret)));
    shop.deliverSigned(Shopify.ORDERS_CREATE, "x", "bad", Shopify.sampleOrder())
        .body(not(containsString(shop.secret)));
  }

  private long sales() {
    return DB.count(
        "select count(*) from conversion where workspace_id = ? and kind = 'sale'", workspace);
  }

  private long deliveries() {
    return DB.count(
        "select count(*) from shop_delivery where shop_id = ?", UUID.fromString(shop.id));
  }
}
