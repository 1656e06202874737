package io.tutti.connectors.email;

import static io.restassured.RestAssured.given;
import static io.tutti.connectors.email.EmailFixtures.HTML_WITH_ATTACHMENTS;
import static io.tutti.connectors.email.EmailFixtures.PLAIN;
import static io.tutti.connectors.email.EmailFixtures.REPLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.tutti.connectors.config.ConnectorsConfig;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.Deliveries;
import io.tutti.connectors.testing.EventListeningTest;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.events.EventEnvelope;
import io.tutti.events.testing.Callers;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageReceived;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class EmailWebhookTest extends EventListeningTest {

  private static final String RFC822 = "message/rfc822";

  @Inject ConnectorsConfig config;

  @Test
  void plainEmailBecomesAMessageFromItsSender() {
    JsonPath inbox = EmailFixtures.inbox();
    post(inbox, EmailFixtures.bytes(PLAIN), RFC822, Inboxes.EMAIL_SECRET, 200)
        .body("accepted", equalTo(true))
        .body("events", equalTo(1));
    MessageReceived message = only(inbox);
    assertThat(message.inboxId()).isEqualTo(inbox.getString("id"));
    assertThat(message.channel()).isEqualTo("email");
    assertThat(message.kind()).isEqualTo(MessageReceived.KIND_MESSAGE);
    assertThat(message.externalContactId()).isEqualTo("test@lindsaar.net");
    assertThat(message.contactName()).isEqualTo("Mikel Lindsaar");
    assertThat(message.contactHandle()).isEqualTo("test@lindsaar.net");
    assertThat(message.platformMessageId())
        .isEqualTo("6B7EC235-5B17-4CA8-B2B8-39290DEB43A3@test.lindsaar.net");
    assertThat(message.subject()).isEqualTo("Testing 123");
    assertThat(message.text()).isEqualTo("Plain email.\n\nHope it works well!\n\nMikel");
    assertThat(message.html()).isNull();
    assertThat(message.attachments()).isEmpty();
    assertThat(message.replyToPlatformMessageId()).isNull();
    assertThat(message.references()).isEmpty();
    assertThat(message.sentAt()).isEqualTo(Instant.parse("2008-11-22T04:04:59Z"));
  }

  @Test
  void replyNamesTheMessageItAnswersAndItsThread() {
    JsonPath inbox = EmailFixtures.inbox();
    post(inbox, EmailFixtures.bytes(REPLY), RFC822, Inboxes.EMAIL_SECRET, 200);
    MessageReceived message = only(inbox);
    assertThat(message.externalContactId()).isEqualTo("xxxxxxxx@xxx.org");
    assertThat(message.contactName()).isEqualTo("Testing");
    assertThat(message.subject()).isEqualTo("Re: Test reply email");
    assertThat(message.text()).isEqualTo("Message body");
    assertThat(message.platformMessageId()).isEqualTo("473FFE27.20003@xxx.org");
    assertThat(message.replyToPlatformMessageId())
        .isEqualTo("348F04F142D69C21-291E56D292BC@xxxx.net");
    assertThat(message.references())
        .containsExactly("473FF3B8.9020707@xxx.org", "348F04F142D69C21-291E56D292BC@xxxx.net");
    assertThat(message.sentAt()).isEqualTo(Instant.parse("2007-11-18T08:56:07Z"));
  }

  @Test
  void htmlEmailKeepsItsTextSafeHtmlAndEveryFile() {
    JsonPath inbox = EmailFixtures.inbox();
    post(inbox, EmailFixtures.bytes(HTML_WITH_ATTACHMENTS), RFC822, Inboxes.EMAIL_SECRET, 200);
    MessageReceived message = only(inbox);
    assertThat(message.externalContactId()).isEqualTo("andris@kreata.ee");
    assertThat(message.contactName()).isEqualTo("Andris Kreata");
    assertThat(message.platformMessageId())
        .isEqualTo("012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee");
    assertThat(message.subject()).isEqualTo("Nodemailer is unicode friendly ✔ (1476358788189)");
    assertThat(message.text()).isEqualTo("Hello to myself! http://www.nodemailer.com/");
    assertThat(message.sentAt()).isEqualTo(Instant.parse("2016-10-13T11:39:48Z"));

    String prefix = config.publicUrl() + "/api/inboxes/" + inbox.getString("id") + "/attachments/";
    assertThat(message.attachments())
        .extracting(Attachment::type, Attachment::name, Attachment::contentType, Attachment::size)
        .containsExactly(
            Tuple.tuple("image", "image.png", "image/png", 126L),
            Tuple.tuple("image", "nyan cat ✔.gif", "image/gif", 29361L),
            Tuple.tuple("file", "notes.txt", "text/plain", 28L));
    assertThat(message.attachments()).allSatisfy(a -> assertThat(a.url()).startsWith(prefix));

    // The inline images of the HTML are the stored PNG and GIF, by Content-ID.
    assertThat(message.html()).contains("<b>Hello</b> to myself").doesNotContain("cid:");
    assertThat(Jsoup.parseBodyFragment(message.html()).select("img"))
        .extracting(image -> image.attr("src"))
        .containsExactly(message.attachments().get(0).url(), message.attachments().get(1).url());
  }

  @Test
  void attachmentsAreServedToTheWorkspaceAndNoOneElse() {
    JsonPath inbox = EmailFixtures.inbox();
    post(inbox, EmailFixtures.bytes(HTML_WITH_ATTACHMENTS), RFC822, Inboxes.EMAIL_SECRET, 200);
    List<Attachment> files = only(inbox).attachments();
    Attachment gif = files.get(1);
    Attachment notes = files.get(2);
    byte[] expectedGif = EmailFixtures.part(HTML_WITH_ATTACHMENTS, "nyan cat ✔.gif");

    Callers.actAs("bob", "acme", "agent");
    byte[] served =
        given()
            .when()
            .get(path(gif))
            .then()
            .statusCode(200)
            .contentType("image/gif")
            .header("X-Content-Type-Options", "nosniff")
            .header(
                "Content-Disposition",
                "inline; filename=\"nyan cat _.gif\"; filename*=UTF-8''nyan%20cat%20%E2%9C%94.gif")
            .extract()
            .asByteArray();
    assertThat(served).isEqualTo(expectedGif);
    given()
        .when()
        .get(path(notes))
        .then()
        .statusCode(200)
        .header(
            "Content-Disposition", "attachment; filename=\"notes.txt\"; filename*=UTF-8''notes.txt")
        .body(equalTo("Some notes about this e-mail"));

    Callers.actAs("sam", "acme", "sales");
    given().when().get(path(gif)).then().statusCode(200);

    Callers.actAs("eve", "globex", "agent", "admin");
    given().when().get(path(gif)).then().statusCode(404);
    given()
        .when()
        .get("/api/inboxes/" + inbox.getString("id") + "/attachments/" + UUID.randomUUID())
        .then()
        .statusCode(404);

    Callers.actAs("carl", "acme");
    given().when().get(path(gif)).then().statusCode(403);
  }

  @Test
  void sameEmailDeliveredTwiceIsOneMessage() {
    JsonPath inbox = EmailFixtures.inbox();
    byte[] email = EmailFixtures.bytes(HTML_WITH_ATTACHMENTS);
    post(inbox, email, RFC822, Inboxes.EMAIL_SECRET, 200).body("events", equalTo(1));
    post(inbox, email, "application/octet-stream", Inboxes.EMAIL_SECRET, 200)
        .body("events", equalTo(0))
        .body("duplicates", equalTo(1));
    assertThat(tap.awaitExactly(inbox.getString("id"), 1)).hasSize(1);
    assertThat(Deliveries.of(inbox.getString("id"))).hasSize(2);
  }

  @Test
  void aForgedMessageIdFromAnotherSenderIsNotTakenForADuplicate() {
    JsonPath inbox = EmailFixtures.inbox();
    byte[] real = EmailFixtures.bytes(PLAIN);
    byte[] forged =
        new String(real, StandardCharsets.UTF_8)
            .replace(
                "From: Mikel Lindsaar <test@lindsaar.net>", "From: Mallory <mallory@evil.test>")
            .getBytes(StandardCharsets.UTF_8);
    post(inbox, forged, RFC822, Inboxes.EMAIL_SECRET, 200).body("events", equalTo(1));
    post(inbox, real, RFC822, Inboxes.EMAIL_SECRET, 200).body("events", equalTo(1));
    assertThat(tap.awaitExactly(inbox.getString("id"), 2))
        .extracting(e -> ((MessageReceived) e.payload()).externalContactId())
        .containsExactlyInAnyOrder("mallory@evil.test", "test@lindsaar.net");
  }

  @Test
  void wrongOrMissingBearerIsUnauthorizedAndStoresNothing() {
    JsonPath inbox = EmailFixtures.inbox();
    byte[] email = EmailFixtures.bytes(PLAIN);
    post(inbox, email, RFC822, "not-the-inbound-secret", 401)
        .body("type", equalTo("urn:tutti:problem:invalid-signature"));
    post(inbox, email, RFC822, null, 401);
    given()
        .contentType(RFC822)
        .header("Authorization", "Basic " + Inboxes.EMAIL_SECRET)
        .body(email)
        .when()
        .post(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(401);
    assertThat(tap.awaitExactly(inbox.getString("id"), 0)).isEmpty();
    assertThat(Deliveries.of(inbox.getString("id"))).isEmpty();
  }

  @Test
  void unknownInboxIsNotFound() {
    given()
        .contentType(RFC822)
        .header("Authorization", "Bearer " + Inboxes.EMAIL_SECRET)
        .body(EmailFixtures.bytes(PLAIN))
        .when()
        .post("/webhooks/email/" + UUID.randomUUID())
        .then()
        .statusCode(404);
  }

  @Test
  void bodiesThatAreNotRawEmailAreUnsupported() {
    JsonPath inbox = EmailFixtures.inbox();
    post(inbox, "{\"text\":\"hi\"}".getBytes(), "application/json", Inboxes.EMAIL_SECRET, 415);
    post(inbox, EmailFixtures.bytes(PLAIN), "multipart/form-data", Inboxes.EMAIL_SECRET, 415);
    post(inbox, EmailFixtures.bytes(PLAIN), "text/plain; charset=utf-8", Inboxes.EMAIL_SECRET, 200);
  }

  @Test
  void emailOverTheSizeLimitIsTooLarge() {
    JsonPath inbox = EmailFixtures.inbox();
    byte[] huge = new byte[config.emailMaxBytes() + 1];
    Arrays.fill(huge, (byte) 'a');
    post(inbox, huge, RFC822, Inboxes.EMAIL_SECRET, 413)
        .body("type", equalTo("urn:tutti:problem:payload-too-large"));
    assertThat(Deliveries.of(inbox.getString("id"))).isEmpty();
  }

  @Test
  void garbageOrAnEmailWithoutSenderIsMalformed() {
    JsonPath inbox = EmailFixtures.inbox();
    byte[] garbage = new byte[2048];
    new Random(7).nextBytes(garbage);
    byte[] noFrom =
        EmailFixtures.email(
            """
            To: support@acme.test
            Subject: Anonymous
            Message-ID: <anonymous-1@example.test>

            Who wrote this?
            """);
    byte[] brokenMultipart =
        EmailFixtures.email(
            """
            From: mia@example.test
            Content-Type: multipart/mixed; boundary="gone"

            no parts
            """);
    for (byte[] body : List.of(garbage, noFrom, brokenMultipart)) {
      post(inbox, body, RFC822, Inboxes.EMAIL_SECRET, 400)
          .body("type", equalTo("urn:tutti:problem:malformed-body"));
    }
    assertThat(Deliveries.of(inbox.getString("id"))).isEmpty();
    assertThat(tap.awaitExactly(inbox.getString("id"), 0)).isEmpty();
  }

  @Test
  void autoReplyIsKeptButStartsNoConversation() {
    JsonPath inbox = EmailFixtures.inbox();
    byte[] outOfOffice =
        EmailFixtures.withHeaders(PLAIN, "Auto-Submitted: auto-replied\r\nX-Autoreply: yes\r\n");
    post(inbox, outOfOffice, RFC822, Inboxes.EMAIL_SECRET, 200)
        .body("events", equalTo(0))
        .body("ignored", contains(EmailParser.AUTO_SUBMITTED));
    assertThat(tap.awaitExactly(inbox.getString("id"), 0)).isEmpty();
    assertThat(Deliveries.of(inbox.getString("id")))
        .extracting(Deliveries.Stored::ignored)
        .containsExactly(EmailParser.AUTO_SUBMITTED);
  }

  @Test
  void scriptsAndEventHandlersNeverReachTheAgent() {
    JsonPath inbox = EmailFixtures.inbox();
    byte[] email =
        EmailFixtures.email(
            """
            From: Mallory <mallory@example.test>
            Subject: Invoice
            Message-ID: <xss-%s@example.test>
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain; charset=UTF-8

            Please see the invoice.
            --alt
            Content-Type: text/html; charset=UTF-8

            <p>Please see the <a href="javascript:fetch('/api/contacts')">invoice</a>.</p>
            <img src="https://example.test/x.png" onerror="alert(document.cookie)">
            <script>alert('hi')</script><svg onload="alert(1)"></svg>
            --alt--
            """
                .formatted(UUID.randomUUID()));
    post(inbox, email, RFC822, Inboxes.EMAIL_SECRET, 200);
    MessageReceived message = only(inbox);
    assertThat(message.text()).isEqualTo("Please see the invoice.");
    assertThat(message.html())
        .doesNotContainIgnoringCase("<script")
        .doesNotContainIgnoringCase("onerror")
        .doesNotContainIgnoringCase("onload")
        .doesNotContainIgnoringCase("javascript:")
        .doesNotContainIgnoringCase("<svg");
    Element link = Jsoup.parseBodyFragment(message.html()).selectFirst("a");
    assertThat(link).isNotNull();
    assertThat(link.hasAttr("href")).isFalse();
    assertThat(link.text()).isEqualTo("invoice");
  }

  private static ValidatableResponse post(
      JsonPath inbox, byte[] body, String contentType, String secret, int status) {
    var request = given().contentType(contentType).body(body);
    if (secret != null) {
      request.header("Authorization", "Bearer " + secret);
    }
    return request.when().post(Inboxes.webhookPath(inbox)).then().statusCode(status);
  }

  private static String path(Attachment attachment) {
    String url = attachment.url();
    return url.substring(url.indexOf("/api/"));
  }

  private MessageReceived only(JsonPath inbox) {
    List<EventEnvelope> events = tap.awaitExactly(inbox.getString("id"), 1);
    assertThat(events).hasSize(1);
    return (MessageReceived) events.getFirst().payload();
  }
}
