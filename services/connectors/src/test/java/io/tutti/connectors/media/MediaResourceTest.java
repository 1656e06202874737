package io.tutti.connectors.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.Bot;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.Customers;
import io.tutti.connectors.testing.EventListeningTest;
import io.tutti.connectors.testing.FakePlatforms;
import io.tutti.connectors.testing.Fixtures;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.events.testing.Callers;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageReceived;
import org.junit.jupiter.api.Test;

/**
 * The files WhatsApp and Telegram send as ids are served to the workspace's agents at the URL the
 * message event names, fetched from the platform with the inbox's credentials.
 */
@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class MediaResourceTest extends EventListeningTest {

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};

  @Test
  void whatsappImageIsServedFromTheCloudApiToTheWorkspacesAgents() {
    // The phone number and media id of the recorded image message.
    JsonPath inbox = Inboxes.whatsapp("1122334455667");
    Customers.post(inbox, Fixtures.bytes("whatsapp/image_message.json"));
    Attachment image = onlyMessage(inbox).attachments().getFirst();
    assertThat(image.platformId()).isEqualTo("65463453");
    String path = "/api/inboxes/" + inbox.getString("id") + "/media/65463453";
    assertThat(image.url()).isEqualTo("http://127.0.0.1:8080" + path);

    String lookasideUrl =
        FakePlatforms.server().baseUrl() + "/whatsapp-media/65463453?ext=1700000000&hash=abc";
    FakePlatforms.server()
        .stubFor(
            get(urlEqualTo(FakePlatforms.GRAPH + "/65463453"))
                .withHeader("Authorization", equalTo("Bearer " + Inboxes.META_ACCESS_TOKEN))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"messaging_product\":\"whatsapp\",\"url\":\""
                                + lookasideUrl
                                + "\",\"mime_type\":\"image/jpeg\",\"sha256\":\"4654+8g=\","
                                + "\"file_size\":6,\"id\":\"65463453\"}")));
    FakePlatforms.server()
        .stubFor(
            get(urlEqualTo("/whatsapp-media/65463453?ext=1700000000&hash=abc"))
                .withHeader("Authorization", equalTo("Bearer " + Inboxes.META_ACCESS_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(JPEG)));

    byte[] served =
        given()
            .when()
            .get(path)
            .then()
            .statusCode(200)
            .contentType("image/jpeg")
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Disposition", "inline")
            .extract()
            .asByteArray();
    assertThat(served).isEqualTo(JPEG);
  }

  @Test
  void telegramPhotoIsServedThroughGetFile() {
    Bot bot = Bot.connect();
    JsonPath inbox = JsonPath.from("{\"id\":\"" + bot.inboxId() + "\"}");
    given()
        .contentType("application/json")
        .header("X-Telegram-Bot-Api-Secret-Token", Inboxes.TELEGRAM_SECRET)
        .body(Fixtures.bytes("telegram/photo_message_update.json"))
        .when()
        .post("/webhooks/telegram/" + bot.inboxId())
        .then()
        .statusCode(200);
    Attachment photo = onlyMessage(inbox).attachments().getFirst();
    String fileId = photo.platformId();
    assertThat(photo.url()).endsWith("/api/inboxes/" + bot.inboxId() + "/media/" + fileId);

    FakePlatforms.server()
        .stubFor(
            get(urlEqualTo(bot.path("getFile") + "?file_id=" + fileId))
                .willReturn(
                    aResponse()
                        .withBody(
                            "{\"ok\":true,\"result\":{\"file_id\":\""
                                + fileId
                                + "\",\"file_unique_id\":\"AQAD1l9manQAA6c8BAAB\","
                                + "\"file_size\":3352,\"file_path\":\"photos/file_7.jpg\"}}")));
    FakePlatforms.server()
        .stubFor(
            get(urlEqualTo(
                    FakePlatforms.TELEGRAM + "/file/bot" + bot.token() + "/photos/file_7.jpg"))
                .willReturn(aResponse().withBody(JPEG)));

    given()
        .when()
        .get(photo.url().substring(photo.url().indexOf("/api/")))
        .then()
        .statusCode(200)
        .contentType("image/jpeg")
        .header(
            "Content-Disposition", "inline; filename=\"file_7.jpg\"; filename*=UTF-8''file_7.jpg");
  }

  @Test
  void mediaThePlatformNoLongerHasIsNotFound() {
    String phone = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.whatsapp(phone);
    FakePlatforms.server()
        .stubFor(
            get(urlEqualTo(FakePlatforms.GRAPH + "/99999"))
                .willReturn(
                    aResponse()
                        .withStatus(400)
                        .withBody(
                            "{\"error\":{\"message\":\"Unsupported get request.\",\"type\":"
                                + "\"GraphMethodException\",\"code\":100,\"error_subcode\":33}}")));

    given()
        .when()
        .get("/api/inboxes/" + inbox.getString("id") + "/media/99999")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.containsString("no longer has this file"));
    given()
        .when()
        .get("/api/inboxes/" + inbox.getString("id") + "/media/..%2F..%2Fme")
        .then()
        .statusCode(404);
  }

  @Test
  void onlyTheInboxWorkspacesPeopleReachItsMedia() {
    String phone = Inboxes.uniqueId();
    JsonPath inbox = Inboxes.whatsapp(phone);
    String path = "/api/inboxes/" + inbox.getString("id") + "/media/4711";

    Callers.actAs("eve", "globex", "agent", "admin");
    given().when().get(path).then().statusCode(404).contentType("application/problem+json");
    Callers.actAs("carl", "acme");
    given().when().get(path).then().statusCode(403);
    assertThat(FakePlatforms.requestsTo(FakePlatforms.GRAPH + "/4711")).isEmpty();
  }

  private MessageReceived onlyMessage(JsonPath inbox) {
    return (MessageReceived) tap.awaitExactly(inbox.getString("id"), 1).getFirst().payload();
  }
}
