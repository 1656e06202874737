package io.tutti.tests.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One customer across channels, through the whole system: connectors takes the platforms' webhooks,
 * profiles knows it is one person, conversations keeps their history in one queue, and agents and
 * sales reps work it through the gateway.
 */
class CustomerJourneyIT {

  private static final String APP_SECRET = "system-test-journey-app-secret";
  private static final String TWILIO_TOKEN = "system-test-journey-twilio-token";
  private static final String TWILIO_SID = "AC" + "0123456789abcdef".repeat(2);

  /** A German mobile number of this run's own, as E.164 and as WhatsApp's wa_id. */
  private String phone;

  private String waId;

  @BeforeEach
  void aCustomerOfOurOwn() {
    phone = "+4915123" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    waId = phone.substring(1);
  }

  @Test
  void whatsAppThenSmsFromOnePhoneIsOneContactThatSamQualifies() {
    JsonPath whatsapp = whatsappInbox();
    JsonPath sms =
        RunningSystem.connectInbox(
            Map.of(
                "name",
                "SMS journey " + phone,
                "channel",
                "sms",
                "accountSid",
                TWILIO_SID,
                "authToken",
                TWILIO_TOKEN,
                "phoneNumber",
                "+4930" + phone.substring(phone.length() - 8)));
    writeOnWhatsApp(whatsapp, "Hallo, wo ist meine Bestellung?");
    writeBySms(sms, "Also: can I pay by invoice?");

    String sam = RunningSystem.accessTokenFor("sam");
    String contact = awaitContactOf(sam, sms.getString("id"));
    assertThat(awaitContactOf(sam, whatsapp.getString("id"))).isEqualTo(contact);
    JsonPath view = RunningSystem.get(sam, "/api/contacts/" + contact);
    assertThat(view.getList("identities.channel")).containsExactlyInAnyOrder("whatsapp", "sms");
    JsonPath timeline =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> RunningSystem.get(sam, "/api/contacts/" + contact + "/timeline"),
                page ->
                    page.getList("items.findAll { it.type == 'conversation' }.channel").size()
                        == 2);
    assertThat(timeline.getList("items.findAll { it.type == 'conversation' }.channel"))
        .containsExactlyInAnyOrder("whatsapp", "sms");

    // An agent may not qualify; the sales rep does, and the timeline shows it.
    given()
        .auth()
        .oauth2(RunningSystem.accessTokenFor("alice"))
        .contentType(ContentType.JSON)
        .body(Map.of("stage", "qualified", "note", "wants to buy"))
        .post(RunningSystem.GATEWAY_URL + "/api/contacts/" + contact + "/stage")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(sam)
        .contentType(ContentType.JSON)
        .body(Map.of("stage", "qualified", "note", "Budget confirmed on WhatsApp"))
        .post(RunningSystem.GATEWAY_URL + "/api/contacts/" + contact + "/stage")
        .then()
        .statusCode(200);
    JsonPath after = RunningSystem.get(sam, "/api/contacts/" + contact + "/timeline");
    assertThat(after.getString("items.find { it.type == 'stage-change' }.to"))
        .isEqualTo("qualified");
    assertThat(after.getString("items.find { it.type == 'stage-change' }.note"))
        .isEqualTo("Budget confirmed on WhatsApp");
    assertThat(RunningSystem.get(sam, "/api/contacts/" + contact).getString("stage"))
        .isEqualTo("qualified");
  }

  @Test
  void instagramAndWhatsAppOfOnePersonShareOneHistoryAndTheAgentAnswersOnWhatsApp()
      throws Exception {
    JsonPath whatsapp = whatsappInbox();
    String account = String.valueOf(System.nanoTime());
    JsonPath instagram =
        RunningSystem.connectInbox(
            Map.of(
                "name",
                "Instagram journey " + account,
                "channel",
                "instagram",
                "instagramAccountId",
                account,
                "accessToken",
                "IGAA-journey",
                "appSecret",
                APP_SECRET));
    writeOnWhatsApp(whatsapp, "Hi, is the blue jacket back in stock?");
    String ada = RunningSystem.accessTokenFor("ada");
    String onWhatsApp = awaitContactOf(ada, whatsapp.getString("id"));
    String igsid = "17" + System.nanoTime();
    writeOnInstagram(
        instagram, account, igsid, "Saw it in your story! I asked on WhatsApp too: " + phone);
    String onInstagram = awaitContactOf(ada, instagram.getString("id"));
    assertThat(onInstagram).isNotEqualTo(onWhatsApp);
    // Profiles does not merge on a hunch: it suggests, with its reason, and a person decides.
    JsonPath suggestion =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    RunningSystem.get(
                        ada, "/api/contacts/merge-suggestions?contactId=" + onWhatsApp),
                page -> page.getList("items").size() > 0);
    assertThat(suggestion.getList("items[0].contacts.id"))
        .containsExactlyInAnyOrder(onWhatsApp, onInstagram);
    given()
        .auth()
        .oauth2(ada)
        .contentType(ContentType.JSON)
        .body(Map.of("otherContactId", onInstagram))
        .post(RunningSystem.GATEWAY_URL + "/api/contacts/" + onWhatsApp + "/merge")
        .then()
        .statusCode(200);

    // One history for the agent: both conversations, wherever they started.
    String alice = RunningSystem.accessTokenFor("alice");
    JsonPath history =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> RunningSystem.get(alice, "/api/contacts/" + onWhatsApp + "/conversations"),
                page -> page.getList("items").size() == 2);
    assertThat(history.getList("items.channel")).containsExactlyInAnyOrder("instagram", "whatsapp");
    String whatsappConversation = history.getString("items.find { it.channel == 'whatsapp' }.id");
    // Both are in the one queue, newest first, whatever their channel.
    assertThat(
            RunningSystem.get(alice, "/api/conversations?view=all&limit=100").getList("items.id"))
        .containsAll(history.getList("items.id"));
    assertThat(
            RunningSystem.get(alice, "/api/conversations/" + whatsappConversation)
                .getList("otherConversations.channel"))
        .containsExactly("instagram");

    String sendPath = "/graph/v23.0/" + whatsapp.getString("phoneNumberId") + "/messages";
    FakePlatformApis.answer(
        sendPath,
        "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
            + waId
            + "\",\"wa_id\":\""
            + waId
            + "\"}],\"messages\":[{\"id\":\"wamid.journey-"
            + waId
            + "\"}]}");
    String reply =
        given()
            .auth()
            .oauth2(alice)
            .contentType(ContentType.JSON)
            .body(Map.of("text", "Yes, the blue one is back in stock!"))
            .post(
                RunningSystem.GATEWAY_URL
                    + "/api/conversations/"
                    + whatsappConversation
                    + "/messages")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                RunningSystem.get(alice, "/api/conversations/" + whatsappConversation + "/messages")
                    .getString("items.find { it.id == '" + reply + "' }.status"),
            "sent"::equals);
    assertThat(FakePlatformApis.postsTo(sendPath)).hasSize(1);
    assertThat(FakePlatformApis.postsTo(sendPath).getFirst().getBodyAsString())
        .contains("\"to\":\"" + waId + "\"");
  }

  @Test
  void erasingACustomerRemovesThemFromEveryService() {
    JsonPath whatsapp = whatsappInbox();
    writeOnWhatsApp(whatsapp, "Please delete my data");
    String ada = RunningSystem.accessTokenFor("ada");
    String contact = awaitContactOf(ada, whatsapp.getString("id"));
    String conversation =
        RunningSystem.get(ada, "/api/conversations?view=all&inbox=" + whatsapp.getString("id"))
            .getString("items[0].id");

    given()
        .auth()
        .oauth2(ada)
        .delete(RunningSystem.GATEWAY_URL + "/api/contacts/" + contact)
        .then()
        .statusCode(204);

    given()
        .auth()
        .oauth2(ada)
        .get(RunningSystem.GATEWAY_URL + "/api/contacts/" + contact)
        .then()
        .statusCode(404);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(ada)
                    .get(RunningSystem.GATEWAY_URL + "/api/conversations/" + conversation)
                    .statusCode(),
            status -> status == 404);
    assertThat(
            RunningSystem.get(ada, "/api/conversations?view=all&inbox=" + whatsapp.getString("id"))
                .getList("items"))
        .isEmpty();
    assertThat(RunningSystem.get(ada, "/api/contacts?q=" + phone).getList("items")).isEmpty();
  }

  private JsonPath whatsappInbox() {
    String phoneNumberId = String.valueOf(System.nanoTime());
    return RunningSystem.connectInbox(
        Map.of(
            "name",
            "WhatsApp journey " + phoneNumberId,
            "channel",
            "whatsapp",
            "phoneNumberId",
            phoneNumberId,
            "accessToken",
            "EAAG-journey",
            "appSecret",
            APP_SECRET));
  }

  private void writeOnWhatsApp(JsonPath inbox, String text) {
    long now = System.currentTimeMillis() / 1000;
    RunningSystem.postMetaWebhook(
        inbox,
        APP_SECRET,
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":"
            + "\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":"
            + "{\"display_phone_number\":\"15555550100\",\"phone_number_id\":\""
            + inbox.getString("phoneNumberId")
            + "\"},\"contacts\":[{\"profile\":{\"name\":\"Lena Vogel\"},\"wa_id\":\""
            + waId
            + "\"}],\"messages\":[{\"from\":\""
            + waId
            + "\",\"id\":\"wamid.in-"
            + System.nanoTime()
            + "\",\"timestamp\":\""
            + now
            + "\",\"type\":\"text\",\"text\":{\"body\":\""
            + text
            + "\"}}]}}]}]}");
  }

  private static void writeOnInstagram(JsonPath inbox, String account, String igsid, String text) {
    RunningSystem.postMetaWebhook(
        inbox,
        APP_SECRET,
        RunningSystem.instagramDm(account, igsid, "ig-in-" + System.nanoTime(), text));
  }

  /** An SMS from the customer's phone, signed as Twilio signs its webhooks. */
  private void writeBySms(JsonPath inbox, String text) {
    Map<String, String> form = new TreeMap<>();
    form.put("MessageSid", "SM" + System.nanoTime());
    form.put("AccountSid", TWILIO_SID);
    form.put("From", phone);
    form.put("To", "+4930" + phone.substring(phone.length() - 8));
    form.put("Body", text);
    form.put("NumMedia", "0");
    String url = inbox.getString("webhookUrl");
    String signed =
        url
            + form.entrySet().stream()
                .map(entry -> entry.getKey() + entry.getValue())
                .collect(Collectors.joining());
    given()
        .contentType("application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", hmacSha1(TWILIO_TOKEN, signed))
        .formParams(form)
        .post(url)
        .then()
        .statusCode(200);
  }

  /** The contact profiles resolved the inbox's only customer to, once conversations knows it. */
  private static String awaitContactOf(String token, String inboxId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                RunningSystem.get(token, "/api/conversations?view=all&inbox=" + inboxId)
                    .getString("items[0].contactId"),
            id -> id != null);
  }

  private static String hmacSha1(String key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
