package io.tutti.attribution.shop;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.attribution.testing.AttributionTest;
import io.tutti.attribution.testing.ServiceTest;
import io.tutti.events.testing.Callers;
import io.tutti.web.crypto.SecretBox;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Admins register the Shopify shops whose orders become sales; their secrets stay sealed. */
@QuarkusTest
@AttributionTest
class ShopResourceTest extends ServiceTest {

  /** The keys the service seals with: the test profile's, or the machine's when it sets one. */
  @Inject EncryptionKeys keys;

  private static final String SECRET = "9f8e7d6c5b4a39281706f5e4d3c2b1a0-shop-signing-key";

  @Test
  void anAdminRegistersAShopAndIsGivenItsWebhookUrl() {
    Callers.admin("ada", workspace);

    String body =
        given()
            .contentType(ContentType.JSON)
            .body(request("Acme Store", "Acme.myshopify.com", SECRET))
            .when()
            .post("/api/attribution/shops")
            .then()
            .statusCode(201)
            .body("id", notNullValue())
            .body("name", equalTo("Acme Store"))
            .body("shopDomain", equalTo("acme.myshopify.com"))
            .body(
                "webhookUrl",
                matchesPattern("http://127\\.0\\.0\\.1:8080/webhooks/shopify/[0-9a-f-]{36}"))
            .body("createdAt", notNullValue())
            .extract()
            .asString();
    String id = JsonPath.from(body).getString("id");

    assertThat(body).doesNotContain(SECRET).doesNotContain("webhookSecret");
    assertThat(JsonPath.from(body).getString("webhookUrl")).endsWith("/webhooks/shopify/" + id);
    String list =
        given()
            .when()
            .get("/api/attribution/shops")
            .then()
            .statusCode(200)
            .body("", hasSize(1))
            .body("[0].id", equalTo(id))
            .extract()
            .asString();
    assertThat(list).doesNotContain(SECRET).doesNotContain("webhookSecret");
  }

  @Test
  void theSecretIsStoredSealedAndBoundToItsShop() {
    Callers.admin("ada", workspace);
    String id = register("Acme", "acme.myshopify.com", SECRET);
    String other = register("Beta", "beta.myshopify.com", SECRET);

    byte[] sealed =
        (byte[]) DB.single("select webhook_secret from shop where id = ?", UUID.fromString(id));
    SecretBox box =
        new SecretBox(keys.encryptionKey().orElseThrow(), keys.previousEncryptionKeys());
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
    assertThat(new String(box.open(sealed, "shop:" + id), StandardCharsets.UTF_8))
        .isEqualTo(SECRET);
    assertThatThrownBy(() -> box.open(sealed, "shop:" + other))
        .isInstanceOf(SecretBox.SealedValueException.class);
  }

  @Test
  void registeringADomainAgainKeepsItsWebhookUrlAndTakesTheNewSecret() {
    Callers.admin("ada", workspace);
    String id = register("Acme", "acme.myshopify.com", SECRET);

    given()
        .contentType(ContentType.JSON)
        .body(request("Acme (renamed)", "acme.myshopify.com", "rotated-" + SECRET))
        .when()
        .post("/api/attribution/shops")
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("name", equalTo("Acme (renamed)"));

    byte[] sealed =
        (byte[]) DB.single("select webhook_secret from shop where id = ?", UUID.fromString(id));
    assertThat(
            new SecretBox(keys.encryptionKey().orElseThrow(), keys.previousEncryptionKeys())
                .open(sealed, "shop:" + id))
        .isEqualTo(("rotated-" + SECRET).getBytes(StandardCharsets.UTF_8));
    given().when().get("/api/attribution/shops").then().body("", hasSize(1));
  }

  @Test
  void aShopNeedsItsMyshopifyDomainANameAndASecret() {
    Callers.admin("ada", workspace);

    given()
        .contentType(ContentType.JSON)
        .body(request("Acme", "https://acme.com", ""))
        .when()
        .post("/api/attribution/shops")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("shopDomain"))
        .body("errors.field", hasItem("webhookSecret"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("shopDomain", "acme.myshopify.com", "webhookSecret", SECRET))
        .when()
        .post("/api/attribution/shops")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("name"));
  }

  @Test
  void onlyAdminsSeeOrChangeShops() {
    Callers.admin("ada", workspace);
    String id = register("Acme", "acme.myshopify.com", SECRET);

    for (String role : List.of("agent", "sales")) {
      Callers.actAs("sam", workspace, role);
      given().when().get("/api/attribution/shops").then().statusCode(403);
      given()
          .contentType(ContentType.JSON)
          .body(request("Mine", "mine.myshopify.com", SECRET))
          .when()
          .post("/api/attribution/shops")
          .then()
          .statusCode(403);
      given().when().delete("/api/attribution/shops/" + id).then().statusCode(403);
    }
  }

  @Test
  void anotherWorkspaceNeitherSeesNorDeletesTheShop() {
    Callers.admin("ada", workspace);
    String id = register("Acme", "acme.myshopify.com", SECRET);

    Callers.admin("eve", "ws-other-" + UUID.randomUUID());
    given().when().get("/api/attribution/shops").then().statusCode(200).body("", hasSize(0));
    given().when().delete("/api/attribution/shops/" + id).then().statusCode(404);

    Callers.admin("ada", workspace);
    given().when().get("/api/attribution/shops").then().body("", hasSize(1));
  }

  @Test
  void aDeletedShopIsGone() {
    Callers.admin("ada", workspace);
    String id = register("Acme", "acme.myshopify.com", SECRET);

    given().when().delete("/api/attribution/shops/" + id).then().statusCode(204);

    given().when().delete("/api/attribution/shops/" + id).then().statusCode(404);
    given().when().delete("/api/attribution/shops/not-a-shop").then().statusCode(404);
    given().when().get("/api/attribution/shops").then().body("", hasSize(0));
    assertThat(DB.count("select count(*) from shop where id = ?", UUID.fromString(id))).isZero();
  }

  private static String register(String name, String domain, String secret) {
    return given()
        .contentType(ContentType.JSON)
        .body(request(name, domain, secret))
        .when()
        .post("/api/attribution/shops")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static Map<String, String> request(String name, String domain, String secret) {
    return Map.of("name", name, "shopDomain", domain, "webhookSecret", secret);
  }
}
