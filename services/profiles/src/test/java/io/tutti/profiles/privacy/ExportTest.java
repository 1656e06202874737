package io.tutti.profiles.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.profiles.testing.FakeAttribution;
import io.tutti.profiles.testing.FakeConversations;
import io.tutti.profiles.testing.ProfilesTest;
import io.tutti.profiles.testing.ServiceTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The export hands over what conversations and attribution hold on the person beside profiles' own
 * data, and still answers when one of them cannot be read.
 */
@QuarkusTest
@ProfilesTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(
    claims = {@Claim(key = "workspace", value = "acme"), @Claim(key = "sub", value = "ada-id")})
class ExportTest extends ServiceTest {

  private static final String TOKEN = "Bearer adas-token";

  @Test
  void theExportHoldsThePersonsConversationsWithTheirMessagesAndTheirTouchesAndConversions() {
    String id = newContact("Kenji");
    String conversationId = UUID.randomUUID().toString();
    conversations(id, okJson(conversationsExport(id, conversationId).encode()));
    attribution(id, okJson(attributionExport(id).encode()));

    JsonPath export = export(id);

    assertThat(export.getString("contact.id")).isEqualTo(id);
    assertThat(export.getList("missing")).isEmpty();
    assertThat(export.getString("conversations.conversations[0].id")).isEqualTo(conversationId);
    assertThat(export.getList("conversations.conversations[0].messages.text"))
        .containsExactly("Is the blue one in stock?", "Yes, we have it.");
    assertThat(export.getBoolean("conversations.conversations[0].messages[1].private")).isFalse();
    assertThat(export.getList("attribution.touches.type"))
        .containsExactly("session", "ad_referral");
    assertThat(export.getString("attribution.touches[0].landingUrl"))
        .isEqualTo("https://shop.example/?utm_source=ig");
    assertThat(export.getString("attribution.touches[0].referrer"))
        .isEqualTo("https://l.instagram.com/");
    assertThat(export.getString("attribution.conversions[1].orderId")).isEqualTo("order-42");
    assertThat(export.getString("attribution.conversions[1].amount")).isEqualTo("49.9");
    // Fields profiles does not know are handed over as the services wrote them.
    assertThat(export.getString("attribution.somethingNew")).isEqualTo("kept");
    // Both were asked with the admin's own token, so each decides what the admin may have.
    FakeConversations.server()
        .verify(
            getRequestedFor(urlPathEqualTo(conversationsPath(id)))
                .withHeader("Authorization", equalTo(TOKEN)));
    FakeAttribution.server()
        .verify(
            getRequestedFor(urlPathEqualTo(attributionPath(id)))
                .withHeader("Authorization", equalTo(TOKEN)));
  }

  @Test
  void aMergedContactsExportAsksTheOtherServicesForItsSurvivor() {
    String survivor = newContact("Kenji");
    String merged = newContact("Kenji by email");
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("otherContactId", merged))
        .when()
        .post("/api/contacts/" + survivor + "/merge")
        .then()
        .statusCode(200);
    conversations(
        survivor, okJson(conversationsExport(survivor, UUID.randomUUID().toString()).encode()));
    attribution(survivor, okJson(attributionExport(survivor).encode()));

    JsonPath export = export(merged);

    assertThat(export.getString("contact.id")).isEqualTo(survivor);
    assertThat(export.getList("mergedContacts.id")).containsExactly(merged);
    assertThat(export.getString("conversations.contactId")).isEqualTo(survivor);
    assertThat(export.getString("attribution.contactId")).isEqualTo(survivor);
    assertThat(export.getList("missing")).isEmpty();
  }

  @Test
  void whenAServiceIsDownTheExportAnswersWithTheRestAndSaysSo() {
    String id = newContact("Kenji");
    conversations(id, aResponse().withStatus(503));
    attribution(id, okJson(attributionExport(id).encode()));

    JsonPath export = export(id);

    assertThat(export.getString("contact.id")).isEqualTo(id);
    assertThat(export.getString("conversations")).isNull();
    assertThat(export.getList("attribution.touches")).hasSize(2);
    assertThat(export.getList("missing.source")).containsExactly("conversations");
    assertThat(export.getString("missing[0].reason")).isEqualTo("unavailable");
    // One retry of a fault, then the export gives up on conversations.
    FakeConversations.server().verify(2, getRequestedFor(urlPathEqualTo(conversationsPath(id))));
  }

  @Test
  void whenAServiceIsSlowTheExportDoesNotWaitForIt() {
    String id = newContact("Kenji");
    conversations(id, okJson(conversationsExport(id, UUID.randomUUID().toString()).encode()));
    attribution(id, okJson(attributionExport(id).encode()).withFixedDelay(10_000));

    long started = System.nanoTime();
    JsonPath export = export(id);
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(export.getList("missing.source")).containsExactly("attribution");
    assertThat(export.getString("missing[0].reason")).isEqualTo("unavailable");
    assertThat(export.getString("missing[0].detail")).contains("did not answer in time");
    assertThat(export.getList("conversations.conversations")).hasSize(1);
    assertThat(tookMillis).isLessThan(10_000);
  }

  @Test
  void whenAServiceRefusesTheCallerTheExportSaysSoWithoutRetrying() {
    String id = newContact("Kenji");
    conversations(id, aResponse().withStatus(403));
    attribution(id, aResponse().withStatus(401));

    JsonPath export = export(id);

    assertThat(export.getList("missing.source")).containsExactly("conversations", "attribution");
    assertThat(export.getList("missing.reason")).containsExactly("refused", "refused");
    assertThat(export.getString("missing[0].detail")).contains("HTTP 403");
    FakeConversations.server().verify(1, getRequestedFor(urlPathEqualTo(conversationsPath(id))));
    FakeAttribution.server().verify(1, getRequestedFor(urlPathEqualTo(attributionPath(id))));
  }

  private static JsonPath export(String id) {
    return given()
        .header("Authorization", TOKEN)
        .when()
        .get("/api/contacts/" + id + "/export")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String conversationsPath(String id) {
    return "/api/contacts/" + id + "/conversations/export";
  }

  private static String attributionPath(String id) {
    return "/api/attribution/contacts/" + id + "/export";
  }

  private static void conversations(String id, ResponseDefinitionBuilder answer) {
    FakeConversations.server()
        .stubFor(get(urlPathEqualTo(conversationsPath(id))).willReturn(answer));
  }

  private static void attribution(String id, ResponseDefinitionBuilder answer) {
    FakeAttribution.server().stubFor(get(urlPathEqualTo(attributionPath(id))).willReturn(answer));
  }

  /** Conversations' export, as its ConversationsExportResource answers. */
  private static JsonObject conversationsExport(String contactId, String conversationId) {
    return new JsonObject()
        .put("contactId", contactId)
        .put("exportedAt", "2026-11-30T10:00:00Z")
        .put(
            "conversations",
            new JsonArray(
                List.of(
                    new JsonObject()
                        .put("id", conversationId)
                        .put("contactId", contactId)
                        .put("channel", "instagram")
                        .put("externalContactId", "17841" + UUID.randomUUID())
                        .put("status", "open")
                        .put(
                            "messages",
                            new JsonArray(
                                List.of(
                                    message("in", "Is the blue one in stock?"),
                                    message("out", "Yes, we have it."))))
                        .put("activity", new JsonArray()))));
  }

  private static JsonObject message(String direction, String text) {
    return new JsonObject()
        .put("id", UUID.randomUUID().toString())
        .put("direction", direction)
        .put("kind", "message")
        .put("private", false)
        .put("text", text)
        .put("attachments", new JsonArray())
        .put("sentAt", "2026-11-30T09:00:00Z");
  }

  /** Attribution's export, as its ContactExportResource answers. */
  private static JsonObject attributionExport(String contactId) {
    return new JsonObject()
        .put("contactId", contactId)
        .put("exportedAt", "2026-11-30T10:00:00Z")
        .put("contactIds", new JsonArray(List.of(contactId)))
        .put("identities", new JsonArray())
        .put("handles", new JsonArray())
        .put(
            "touches",
            new JsonArray(
                List.of(
                    new JsonObject()
                        .put("type", "session")
                        .put("channel", "instagram")
                        .put("landingUrl", "https://shop.example/?utm_source=ig")
                        .put("referrer", "https://l.instagram.com/")
                        .put("occurredAt", "2026-11-29T09:00:00Z"),
                    new JsonObject()
                        .put("type", "ad_referral")
                        .put("channel", "instagram")
                        .put("adId", "ad-7")
                        .put("occurredAt", "2026-11-29T10:00:00Z"))))
        .put(
            "conversions",
            new JsonArray(
                List.of(
                    new JsonObject().put("kind", "contact").put("counted", true),
                    new JsonObject()
                        .put("kind", "sale")
                        .put("orderId", "order-42")
                        .put("amount", 49.90)
                        .put("currency", "USD"))))
        .put("somethingNew", "kept");
  }
}
