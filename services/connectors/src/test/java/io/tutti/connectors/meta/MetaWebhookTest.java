package io.tutti.connectors.meta;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.EventListeningTest;
import io.tutti.connectors.testing.Fixtures;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventTypes;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.MessageStatusChanged;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class MetaWebhookTest extends EventListeningTest {

  private static final String PAGE = "510249619162304";
  private static final String INSTAGRAM = "17841400000000001";
  private static final String WHATSAPP = "1122334455667";

  @Test
  void messengerTextBecomesOneMessageReceived() {
    JsonPath inbox = Inboxes.messenger(PAGE);
    post(inbox, Fixtures.bytes("messenger/text_message.json")).body("events", equalTo(1));

    MessageReceived message = onlyMessage(inbox);
    assertThat(message.channel()).isEqualTo("messenger");
    assertThat(message.externalContactId()).isEqualTo("1066835436691078");
    assertThat(message.text()).isEqualTo("test");
    assertThat(message.platformMessageId()).isEqualTo("mid.1468152703527:6600c706f15a292027");
    assertThat(message.sentAt()).isEqualTo(Instant.ofEpochMilli(1468152703534L));
    assertThat(message.kind()).isEqualTo(MessageReceived.KIND_MESSAGE);
    assertThat(message.inboxId()).isEqualTo(inbox.getString("id"));
  }

  @Test
  void metasOwnSignatureVectorIsAccepted() {
    JsonPath vector = JsonPath.from(new String(Fixtures.bytes("messenger/signature_vector.json")));
    JsonPath inbox =
        Inboxes.create(
            Map.of(
                "name", "Signed page",
                "channel", "messenger",
                "pageId", "1751036168465324",
                "accessToken", "token",
                "appSecret", vector.getString("app_secret")));
    byte[] body = Fixtures.bytes("messenger/" + vector.getString("body_file"));
    given()
        .contentType("application/json")
        .header("X-Hub-Signature-256", vector.getString("x_hub_signature_256_derived"))
        .body(body)
        .when()
        .post(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(200);
    assertThat(onlyMessage(inbox).text()).isEqualTo("Test äëï");
  }

  @Test
  void tamperedOrSha1OnlyDeliveriesAreUnauthorizedAndNotStored() {
    JsonPath vector = JsonPath.from(new String(Fixtures.bytes("messenger/signature_vector.json")));
    JsonPath inbox = Inboxes.messenger(PAGE);
    byte[] body = Fixtures.bytes("messenger/text_message.json");
    String signature = Inboxes.metaSignature(body);
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("test", "tost").getBytes();
    given()
        .contentType("application/json")
        .header("X-Hub-Signature-256", signature)
        .body(tampered)
        .when()
        .post(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:invalid-signature"));
    given()
        .contentType("application/json")
        .header("X-Hub-Signature", vector.getString("negative_case.x_hub_signature"))
        .body(vector.getString("negative_case.body"))
        .when()
        .post(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(401);
    assertNothingStoredOrPublished(inbox.getString("id"));
  }

  @Test
  void messengerImagePostbacksAndReferralsAreNormalised() {
    JsonPath inbox = Inboxes.messenger(PAGE);
    post(inbox, Fixtures.bytes("messenger/image_attachment.json"));
    post(inbox, Fixtures.bytes("messenger/postback_with_title_referral.json"));
    post(inbox, Fixtures.bytes("messenger/postback_legacy.json"));
    post(inbox, Fixtures.bytes("messenger/text_message_botbuilder.json"));

    List<MessageReceived> messages = messages(inbox, 4);
    MessageReceived image = byText(messages, null);
    assertThat(image.attachments())
        .extracting(Attachment::type, Attachment::url)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "image", "https://scontent.xx.fbcdn.example/v/t1.15752-9/photo.jpg"));
    assertThat(image.platformMessageId()).isEqualTo("m_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789");

    MessageReceived postback = byText(messages, "title");
    assertThat(postback.kind()).isEqualTo(MessageReceived.KIND_POSTBACK);
    assertThat(postback.platformMessageId()).isEqualTo("m_1457764197618:41d102a3e1ae206a38");
    assertThat(postback.referral().source()).isEqualTo("SHORTLINK");
    assertThat(postback.referral().ref()).isEqualTo("USER_DEFINED_REFERRAL_PARAM");

    MessageReceived legacy = byText(messages, "test");
    assertThat(legacy.kind()).isEqualTo(MessageReceived.KIND_POSTBACK);
    assertThat(legacy.externalContactId()).isEqualTo("1066835436691078");

    assertThat(byText(messages, "asd").platformMessageId())
        .isEqualTo(
            "Q3znCzp31iKkarGcToiQWSJGtmSVjUPs7GtwB7WEjVRcg9MxG8TT09Z0wimdrcCHxQCRpMSKZcHBthhqXsonoA");
  }

  @Test
  void echoesDeliveriesAndReadsBecomeStatusChangesNotMessages() {
    JsonPath inbox = Inboxes.messenger(PAGE);
    post(inbox, Fixtures.bytes("messenger/echo_template.json"));
    post(inbox, Fixtures.bytes("messenger/delivery.json"));
    post(inbox, Fixtures.bytes("messenger/read.json"));
    post(inbox, Fixtures.bytes("messenger/optin.json"))
        .body("events", equalTo(0))
        .body("ignored", contains("optin"));

    List<EventEnvelope> events = tap.awaitExactly(inbox.getString("id"), 3);
    assertThat(events)
        .extracting(EventEnvelope::type)
        .containsOnly(EventTypes.MESSAGE_STATUS_CHANGED);
    List<MessageStatusChanged> statuses =
        events.stream().map(e -> (MessageStatusChanged) e.payload()).toList();
    assertThat(statuses)
        .extracting(MessageStatusChanged::status, MessageStatusChanged::platformMessageId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("sent", "mid.1468152706286:e7982eb7618034a075"),
            org.assertj.core.groups.Tuple.tuple(
                "delivered", "mid.1468152706286:e7982eb7618034a075"),
            org.assertj.core.groups.Tuple.tuple("read", null));
    MessageStatusChanged read =
        statuses.stream().filter(s -> s.status().equals("read")).findFirst().orElseThrow();
    assertThat(read.watermark()).isEqualTo(Instant.ofEpochMilli(1468152706921L));
    assertThat(read.externalContactId()).isEqualTo("1066835436691078");
  }

  @Test
  void instagramDirectMessagesAreNormalised() {
    JsonPath inbox = Inboxes.instagram(INSTAGRAM);
    for (String fixture :
        List.of("text_dm", "image_attachment", "story_reply", "reaction", "referral_ad")) {
      post(inbox, Fixtures.bytes("instagram/" + fixture + ".json"));
    }
    List<MessageReceived> messages = messages(inbox, 5);
    assertThat(messages).extracting(MessageReceived::channel).containsOnly("instagram");

    MessageReceived text = byText(messages, "Hi! Is the linen shirt still available in size M? 👕");
    assertThat(text.externalContactId()).isEqualTo("6543210987654321");

    MessageReceived image = byText(messages, null);
    assertThat(image.attachments()).extracting(Attachment::type).containsExactly("image");

    MessageReceived story = byText(messages, "Where can I buy this?");
    assertThat(story.attachments())
        .extracting(Attachment::type, Attachment::platformId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("story_reply", "17900000000000002"));

    MessageReceived reaction = byText(messages, "❤️");
    assertThat(reaction.kind()).isEqualTo(MessageReceived.KIND_REACTION);
    assertThat(reaction.replyToPlatformMessageId()).isEqualTo(text.platformMessageId());

    MessageReceived ad = byText(messages, "I saw your ad, do you ship to Osaka?");
    assertThat(ad.externalContactId()).isEqualTo("8888111122223333");
    assertThat(ad.referral().source()).isEqualTo("ADS");
    assertThat(ad.referral().adId()).isEqualTo("120200000000000001");
    assertThat(ad.referral().ref()).isEqualTo("spring_sale");
    assertThat(ad.referral().headline()).isEqualTo("Spring linen sale");
  }

  @Test
  void whatsappMessagesCarryTheProfileNameAndPhone() {
    JsonPath text = Inboxes.whatsapp(WHATSAPP);
    post(text, Fixtures.bytes("whatsapp/text_message.json"));
    MessageReceived message = onlyMessage(text);
    assertThat(message.channel()).isEqualTo("whatsapp");
    assertThat(message.externalContactId()).isEqualTo("972987654321");
    assertThat(message.contactName()).isEqualTo("Test Name");
    assertThat(message.contactHandle()).isEqualTo("+972987654321");
    assertThat(message.text()).isEqualTo("Body Text");
    assertThat(message.platformMessageId()).isEqualTo("wamid.xyzxyz");
    assertThat(message.sentAt()).isEqualTo(Instant.ofEpochSecond(1697043223L));

    JsonPath image = Inboxes.whatsapp(WHATSAPP);
    post(image, Fixtures.bytes("whatsapp/image_message.json"));
    assertThat(onlyMessage(image).attachments())
        .extracting(Attachment::type, Attachment::platformId, Attachment::contentType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("image", "65463453", "image/jpeg"));
  }

  @Test
  void whatsappButtonAndListRepliesUseTheChosenTitle() {
    for (String fixture :
        List.of(
            "interactive_button_reply", "interactive_list_reply", "template_quick_reply_button")) {
      JsonPath inbox = Inboxes.whatsapp(WHATSAPP);
      post(inbox, Fixtures.bytes("whatsapp/" + fixture + ".json"));
      MessageReceived reply = onlyMessage(inbox);
      assertThat(reply.text()).as(fixture).isEqualTo("title");
      assertThat(reply.kind()).as(fixture).isEqualTo(MessageReceived.KIND_POSTBACK);
      assertThat(reply.replyToPlatformMessageId()).as(fixture).startsWith("wamid.xyzxyz");
    }
  }

  @Test
  void whatsappStatusesBecomeStatusChanges() {
    JsonPath inbox = Inboxes.whatsapp(WHATSAPP);
    for (String status : List.of("sent", "delivered", "read", "failed")) {
      post(inbox, Fixtures.bytes("whatsapp/status_" + status + ".json"));
    }
    List<MessageStatusChanged> statuses =
        tap.awaitExactly(inbox.getString("id"), 4).stream()
            .map(e -> (MessageStatusChanged) e.payload())
            .toList();
    assertThat(statuses)
        .extracting(MessageStatusChanged::status)
        .containsExactlyInAnyOrder("sent", "delivered", "read", "failed");
    assertThat(statuses)
        .extracting(MessageStatusChanged::platformMessageId)
        .containsOnly("wamid.xyzxyz");
    MessageStatusChanged failed =
        statuses.stream().filter(s -> s.status().equals("failed")).findFirst().orElseThrow();
    assertThat(failed.error().code()).isEqualTo("130472");
    assertThat(failed.error().message()).contains("part of an experiment");
    assertThat(failed.externalContactId()).isEqualTo("972987654321");
  }

  @Test
  void batchedDeliveryWithSeveralEntriesIsFullyHandledAndRoutedByPage() {
    String firstPage = String.valueOf(System.nanoTime());
    String secondPage = String.valueOf(System.nanoTime() + 1);
    JsonPath first = Inboxes.messenger(firstPage);
    JsonPath second = Inboxes.messenger(secondPage);
    String template =
        """
        {"object":"page","entry":[
         {"id":"111111111111111","time":1700000000000,"messaging":[
          {"sender":{"id":"u1"},"recipient":{"id":"111111111111111"},"timestamp":1700000000001,"message":{"mid":"m.batch.1","text":"one"}},
          {"sender":{"id":"u2"},"recipient":{"id":"111111111111111"},"timestamp":1700000000002,"message":{"mid":"m.batch.2","text":"two"}}]},
         {"id":"222222222222222","time":1700000000000,"messaging":[
          {"sender":{"id":"u3"},"recipient":{"id":"222222222222222"},"timestamp":1700000000003,"message":{"mid":"m.batch.3","text":"three"}}]}]}
        """;
    String body =
        template.replace("111111111111111", firstPage).replace("222222222222222", secondPage);
    post(first, body.getBytes(StandardCharsets.UTF_8)).body("events", equalTo(3));
    assertThat(messages(first, 2))
        .extracting(MessageReceived::text)
        .containsExactlyInAnyOrder("one", "two");
    assertThat(messages(second, 1)).extracting(MessageReceived::text).containsExactly("three");
  }

  @Test
  void sameDeliveryTwiceYieldsOneEvent() {
    JsonPath inbox = Inboxes.instagram(INSTAGRAM);
    byte[] body = Fixtures.bytes("instagram/text_dm.json");
    post(inbox, body).body("events", equalTo(1));
    post(inbox, body).body("events", equalTo(0)).body("duplicates", equalTo(1));
    assertThat(tap.awaitExactly(inbox.getString("id"), 1)).hasSize(1);
  }

  @Test
  void verificationHandshakeEchoesTheChallengeOnlyForTheRightToken() {
    JsonPath inbox = Inboxes.whatsapp(WHATSAPP);
    given()
        .queryParam("hub.mode", "subscribe")
        .queryParam("hub.verify_token", inbox.getString("verifyToken"))
        .queryParam("hub.challenge", "1158201444")
        .when()
        .get(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(200)
        .body(equalTo("1158201444"));
    given()
        .queryParam("hub.mode", "subscribe")
        .queryParam("hub.verify_token", "wrong")
        .queryParam("hub.challenge", "1158201444")
        .when()
        .get(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(403);
    given()
        .queryParam("hub.verify_token", inbox.getString("verifyToken"))
        .when()
        .get(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(400);
  }

  private static io.restassured.response.ValidatableResponse post(JsonPath inbox, byte[] body) {
    return given()
        .contentType("application/json")
        .header("X-Hub-Signature-256", Inboxes.metaSignature(body))
        .body(body)
        .when()
        .post(Inboxes.webhookPath(inbox))
        .then()
        .log()
        .ifValidationFails()
        .statusCode(200);
  }

  private MessageReceived onlyMessage(JsonPath inbox) {
    return messages(inbox, 1).getFirst();
  }

  private List<MessageReceived> messages(JsonPath inbox, int count) {
    List<EventEnvelope> events = tap.awaitExactly(inbox.getString("id"), count);
    assertThat(events).hasSize(count);
    assertThat(events).extracting(EventEnvelope::type).containsOnly(EventTypes.MESSAGE_RECEIVED);
    assertThat(events).extracting(EventEnvelope::workspaceId).containsOnly("acme");
    assertThat(events).extracting(EventEnvelope::source).containsOnly("connectors");
    return events.stream().map(e -> (MessageReceived) e.payload()).toList();
  }

  private static MessageReceived byText(List<MessageReceived> messages, String text) {
    return messages.stream()
        .filter(m -> java.util.Objects.equals(m.text(), text))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no message with text " + text + " in " + messages));
  }
}
