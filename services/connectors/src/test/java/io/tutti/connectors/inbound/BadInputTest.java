package io.tutti.connectors.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.Deliveries;
import io.tutti.connectors.testing.EventTap;
import io.tutti.connectors.testing.Fixtures;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.connectors.testing.Twilio;
import io.tutti.events.EventTypes;
import io.tutti.events.type.MessageReceived;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a caller sends, a webhook answers a clear 4xx or accepts it: never a 5xx, never stored
 * when refused, and the next good delivery still goes through.
 */
@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class BadInputTest {

  /** Where a case is posted. */
  enum Target {
    MESSENGER,
    WHATSAPP,
    TWILIO,
    TELEGRAM,
    UNKNOWN_INBOX,
    NOT_A_UUID,
    WRONG_CHANNEL
  }

  /** How a case is authenticated. */
  enum Auth {
    SIGNED,
    NONE,
    WRONG,
    HEADER
  }

  record Case(
      Target target, String contentType, byte[] body, Auth auth, String header, int status) {
    static Case meta(String body, int status) {
      return new Case(Target.MESSENGER, "application/json", utf8(body), Auth.SIGNED, null, status);
    }

    static Case whatsapp(String body, int status) {
      return new Case(Target.WHATSAPP, "application/json", utf8(body), Auth.SIGNED, null, status);
    }

    static Case telegram(String body, int status) {
      return new Case(Target.TELEGRAM, "application/json", utf8(body), Auth.SIGNED, null, status);
    }

    static Case twilio(byte[] body, int status) {
      return new Case(
          Target.TWILIO, "application/x-www-form-urlencoded", body, Auth.SIGNED, null, status);
    }
  }

  private static final String GOOD_MESSAGE =
      "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"sender\":{\"id\":\"u\"},"
          + "\"recipient\":{\"id\":\"1\"},\"timestamp\":1700000000000,\"message\":{\"mid\":\"m\","
          + "\"text\":\"hi\"}}]}]}";

  private static JsonPath messenger;
  private static JsonPath whatsapp;
  private static JsonPath twilio;
  private static JsonPath telegram;

  @Inject Vertx vertx;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    add(cases, "truncated JSON", Case.meta("{\"object\":\"page\",\"entry\":[", 400));
    add(cases, "empty body", Case.meta("", 400));
    add(cases, "not JSON at all", Case.meta("hello", 400));
    add(cases, "a JSON array", Case.meta("[]", 400));
    add(cases, "a JSON string", Case.meta("\"page\"", 400));
    add(cases, "trailing garbage", Case.meta("{\"object\":\"page\",\"entry\":[]} x", 400));
    add(cases, "object missing", Case.meta("{\"entry\":[]}", 400));
    add(cases, "object is a number", Case.meta("{\"object\":5,\"entry\":[]}", 400));
    add(cases, "entry missing", Case.meta("{\"object\":\"page\"}", 400));
    add(cases, "entry is an object", Case.meta("{\"object\":\"page\",\"entry\":{}}", 400));
    add(cases, "entry holds a number", Case.meta("{\"object\":\"page\",\"entry\":[1]}", 400));
    add(
        cases,
        "messaging is a string",
        Case.meta("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":\"x\"}]}", 400));
    add(
        cases,
        "message is a string",
        Case.meta(GOOD_MESSAGE.replace("{\"mid\":\"m\",\"text\":\"hi\"}", "\"hi\""), 400));
    add(cases, "mid missing", Case.meta(GOOD_MESSAGE.replace("\"mid\":\"m\",", ""), 400));
    add(cases, "text is an object", Case.meta(GOOD_MESSAGE.replace("\"hi\"", "{\"a\":1}"), 400));
    add(
        cases,
        "sender missing",
        Case.meta(GOOD_MESSAGE.replace("\"sender\":{\"id\":\"u\"},", ""), 400));
    add(
        cases,
        "timestamp is a word",
        Case.meta(GOOD_MESSAGE.replace("1700000000000", "\"soon\""), 400));
    add(
        cases,
        "timestamp is fractional",
        Case.meta(GOOD_MESSAGE.replace("1700000000000", "1.5"), 400));
    add(
        cases,
        "attachments is an object",
        Case.meta(GOOD_MESSAGE.replace("\"text\":\"hi\"", "\"attachments\":{}"), 400));
    add(cases, "nested 5000 deep", Case.meta("[".repeat(5000) + "]".repeat(5000), 400));
    add(
        cases,
        "invalid UTF-8 byte",
        new Case(
            Target.MESSENGER,
            "application/json",
            withBytes(GOOD_MESSAGE, "hi", new byte[] {(byte) 0xff, (byte) 0xfe}),
            Auth.SIGNED,
            null,
            400));
    add(
        cases,
        "overlong UTF-8 encoding",
        new Case(
            Target.MESSENGER,
            "application/json",
            withBytes(GOOD_MESSAGE, "hi", new byte[] {(byte) 0xc0, (byte) 0xaf}),
            Auth.SIGNED,
            null,
            400));
    add(
        cases,
        "huge string over the size limit",
        Case.meta(GOOD_MESSAGE.replace("hi", "a".repeat(1_100_000)), 413));
    add(
        cases,
        "wrong signature",
        new Case(Target.MESSENGER, "application/json", utf8(GOOD_MESSAGE), Auth.WRONG, null, 401));
    add(
        cases,
        "missing signature",
        new Case(Target.MESSENGER, "application/json", utf8(GOOD_MESSAGE), Auth.NONE, null, 401));
    add(
        cases,
        "signature is not hex",
        new Case(
            Target.MESSENGER,
            "application/json",
            utf8(GOOD_MESSAGE),
            Auth.HEADER,
            "sha256=zz",
            401));
    add(
        cases,
        "sha1 signature only",
        new Case(
            Target.MESSENGER,
            "application/json",
            utf8(GOOD_MESSAGE),
            Auth.HEADER,
            "sha1=da611bd448dc12acdf0cd3ab33fdb3adaee26145",
            401));
    add(
        cases,
        "text/plain content type",
        new Case(Target.MESSENGER, "text/plain", utf8(GOOD_MESSAGE), Auth.SIGNED, null, 415));
    add(
        cases,
        "form content type on a JSON webhook",
        new Case(
            Target.MESSENGER,
            "application/x-www-form-urlencoded",
            utf8("a=b"),
            Auth.SIGNED,
            null,
            415));
    add(
        cases,
        "unknown inbox",
        new Case(
            Target.UNKNOWN_INBOX, "application/json", utf8(GOOD_MESSAGE), Auth.SIGNED, null, 404));
    add(
        cases,
        "inbox id is not a UUID",
        new Case(
            Target.NOT_A_UUID, "application/json", utf8(GOOD_MESSAGE), Auth.SIGNED, null, 404));
    add(
        cases,
        "inbox of another channel",
        new Case(
            Target.WRONG_CHANNEL, "application/json", utf8(GOOD_MESSAGE), Auth.SIGNED, null, 404));
    add(
        cases,
        "WhatsApp changes is a string",
        Case.whatsapp(
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":\"x\"}]}",
            400));
    add(
        cases,
        "WhatsApp message without from",
        Case.whatsapp(
            new String(Fixtures.bytes("whatsapp/text_message.json"), StandardCharsets.UTF_8)
                .replace("\"from\": \"972987654321\",", ""),
            400));
    add(
        cases,
        "WhatsApp location without coordinates",
        Case.whatsapp(
            new String(Fixtures.bytes("whatsapp/text_message.json"), StandardCharsets.UTF_8)
                .replace(
                    "\"type\": \"text\"",
                    "\"type\": \"location\", \"location\": {\"name\": \"x\"}"),
            400));
    add(
        cases,
        "Twilio bad %-escape",
        Case.twilio(utf8("MessageSid=SM1&From=%2B1555&Body=%zz"), 400));
    add(cases, "Twilio without MessageSid", Case.twilio(utf8("From=%2B15555550100&Body=hi"), 400));
    add(
        cases,
        "Twilio NumMedia is a word",
        Case.twilio(utf8("MessageSid=SM2&From=%2B15555550100&NumMedia=lots"), 400));
    add(
        cases,
        "Twilio media URL missing",
        Case.twilio(
            utf8("MessageSid=SM3&From=%2B15555550100&NumMedia=2&MediaUrl0=https%3A%2F%2Fa"), 400));
    add(
        cases,
        "Twilio body not UTF-8",
        Case.twilio(
            withBytes("MessageSid=SM4&From=x&Body=hi", "hi", new byte[] {(byte) 0xff}), 400));
    add(
        cases,
        "Twilio JSON body",
        new Case(Target.TWILIO, "application/json", utf8("{}"), Auth.SIGNED, null, 415));
    add(
        cases,
        "Telegram without update_id",
        Case.telegram("{\"message\":{\"message_id\":1,\"chat\":{\"id\":1},\"text\":\"x\"}}", 400));
    add(
        cases,
        "Telegram message without chat",
        Case.telegram("{\"update_id\":1,\"message\":{\"message_id\":1,\"text\":\"x\"}}", 400));
    add(
        cases,
        "Telegram photo is an object",
        Case.telegram(
            "{\"update_id\":1,\"message\":{\"message_id\":1,\"chat\":{\"id\":1},\"photo\":{}}}",
            400));
    add(
        cases,
        "Telegram wrong secret",
        new Case(
            Target.TELEGRAM, "application/json", utf8("{\"update_id\":1}"), Auth.WRONG, null, 401));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputIsAClearClientErrorAndStoresNothing(String name, Case given) {
    createInboxes();
    String inboxId = inboxFor(given.target()).getString("id");
    long stored = Deliveries.count(inboxId);
    var response =
        request(given)
            .when()
            .post(path(given))
            .then()
            .statusCode(given.status())
            .contentType("application/problem+json")
            .body("status", equalTo(given.status()))
            .extract();
    assertThat(response.body().asString()).doesNotContain("Exception", "at io.", "java.");
    assertThat(Deliveries.count(inboxId)).isEqualTo(stored);
  }

  @Test
  void unicodeEdgeCasesInValidJsonAreStoredCleanly() {
    createInboxes();
    String text = "\\u0000nul \\ud800lone 👩‍👩‍👧 עברית e\\u0301 ｆｕｌｌ";
    byte[] body =
        utf8(
            GOOD_MESSAGE
                .replace("\"mid\":\"m\"", "\"mid\":\"u-" + UUID.randomUUID() + "\"")
                .replace("hi", text));
    try (EventTap tap = new EventTap(vertx, EventTypes.MESSAGE_RECEIVED)) {
      given()
          .contentType("application/json")
          .header("X-Hub-Signature-256", Inboxes.metaSignature(body))
          .body(body)
          .when()
          .post(Inboxes.webhookPath(messenger))
          .then()
          .statusCode(200);
      MessageReceived message =
          (MessageReceived) tap.awaitExactly(messenger.getString("id"), 1).getFirst().payload();
      assertThat(message.text()).isEqualTo("nul \uFFFDlone 👩‍👩‍👧 עברית e\u0301 ｆｕｌｌ");
    }
  }

  @Test
  void serviceStaysHealthyAndTakesTheNextGoodDelivery() {
    createInboxes();
    for (int i = 0; i < 20; i++) {
      given()
          .contentType("application/json")
          .header("X-Hub-Signature-256", "sha256=00")
          .body("{\"object\":")
          .when()
          .post(Inboxes.webhookPath(messenger))
          .then()
          .statusCode(lessThan(500));
    }
    given().when().get("/q/health/ready").then().statusCode(200);
    byte[] good =
        utf8(GOOD_MESSAGE.replace("\"mid\":\"m\"", "\"mid\":\"g-" + UUID.randomUUID() + "\""));
    try (EventTap tap = new EventTap(vertx, EventTypes.MESSAGE_RECEIVED)) {
      given()
          .contentType("application/json")
          .header("X-Hub-Signature-256", Inboxes.metaSignature(good))
          .body(good)
          .when()
          .post(Inboxes.webhookPath(messenger))
          .then()
          .statusCode(200);
      assertThat(tap.awaitExactly(messenger.getString("id"), 1)).hasSize(1);
    }
  }

  private static RequestSpecification request(Case given) {
    RequestSpecification request =
        given().config(Twilio.RAW_FORM).contentType(given.contentType()).body(given.body());
    String header =
        switch (given.target()) {
          case TWILIO -> "X-Twilio-Signature";
          case TELEGRAM -> "X-Telegram-Bot-Api-Secret-Token";
          default -> "X-Hub-Signature-256";
        };
    String value =
        switch (given.auth()) {
          case NONE -> null;
          case HEADER -> given.header();
          case WRONG -> given.target() == Target.TELEGRAM ? "wrong" : "sha256=" + "0".repeat(64);
          case SIGNED ->
              switch (given.target()) {
                case TWILIO -> twilioSignature(given.body());
                case TELEGRAM -> Inboxes.TELEGRAM_SECRET;
                default -> Inboxes.metaSignature(given.body());
              };
        };
    if (value != null) {
      request.header(header, value);
    }
    return request;
  }

  /** A signature over the raw form; a body that is not a readable form is sent with any value. */
  private static String twilioSignature(byte[] body) {
    try {
      return Twilio.signature(twilio.getString("webhookUrl"), body);
    } catch (RuntimeException unreadable) {
      return "unsignable";
    }
  }

  private static String path(Case given) {
    return switch (given.target()) {
      case UNKNOWN_INBOX -> "/webhooks/messenger/" + UUID.randomUUID();
      case NOT_A_UUID -> "/webhooks/messenger/not-a-uuid";
      case WRONG_CHANNEL -> "/webhooks/messenger/" + telegram.getString("id");
      default -> Inboxes.webhookPath(inboxFor(given.target()));
    };
  }

  private static JsonPath inboxFor(Target target) {
    return switch (target) {
      case WHATSAPP -> whatsapp;
      case TWILIO -> twilio;
      case TELEGRAM, WRONG_CHANNEL -> telegram;
      default -> messenger;
    };
  }

  private static synchronized void createInboxes() {
    if (messenger == null) {
      messenger = Inboxes.messenger("1");
      whatsapp = Inboxes.whatsapp("1122334455667");
      twilio = Inboxes.sms("+15555550100");
      telegram = Inboxes.telegram();
    }
  }

  private static void add(List<Arguments> cases, String name, Case given) {
    cases.add(Arguments.of(name, given));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code text} with {@code marker} replaced by raw bytes that are not valid UTF-8. */
  private static byte[] withBytes(String text, String marker, byte[] raw) {
    int at = text.indexOf(marker);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(utf8(text.substring(0, at)));
    out.writeBytes(raw);
    out.writeBytes(utf8(text.substring(at + marker.length())));
    return out.toByteArray();
  }
}
