package io.tutti.connectors.email;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.connectors.testing.OutboundTest;
import io.tutti.connectors.testing.Replies;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.OutboundRequested;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Email replies over GreenMail's real SMTP server, threaded the way mail clients thread. */
@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class EmailReplyTest extends OutboundTest {

  private static final String SMTP_USER = "support-smtp";
  private static final String SMTP_PASSWORD = "smtp-password-0123";

  private static GreenMail mailServer;

  @BeforeAll
  static void startMailServer() {
    mailServer = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mailServer.start();
    mailServer.setUser("support@acme.test", SMTP_USER, SMTP_PASSWORD);
  }

  @AfterAll
  static void stopMailServer() {
    mailServer.stop();
  }

  @Test
  void replyThreadsUnderTheCustomersEmailWithTextAndHtml() throws Exception {
    JsonPath inbox = Inboxes.create(inbox(SMTP_PASSWORD));
    String customer = "ana-" + UUID.randomUUID() + "@example.com";
    OutboundRequested reply =
        new OutboundRequested(
            "msg-" + UUID.randomUUID(),
            "conv-1",
            inbox.getString("id"),
            "email",
            customer,
            "Thanks for your order.\n\nIt ships tomorrow: https://track.acme.test/1042 <soon>",
            List.of(),
            "CAFE1042@mail.example.com",
            "Order 1042",
            List.of("first-1042@mail.example.com", "CAFE1042@mail.example.com"),
            null,
            "Alice");
    Replies.send(vertx, reply);

    MessageStatusChanged sent = awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    String domain =
        inbox.getString("address").substring(inbox.getString("address").indexOf('@') + 1);
    assertThat(sent.platformMessageId()).isEqualTo(reply.messageId() + "@" + domain);

    MimeMessage mail = receivedBy(customer);
    assertThat(mail.getSubject()).isEqualTo("Re: Order 1042");
    assertThat(((InternetAddress) mail.getFrom()[0]).getAddress())
        .isEqualTo(inbox.getString("address"));
    assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Support desk");
    assertThat(mail.getHeader("Message-ID")[0]).isEqualTo("<" + sent.platformMessageId() + ">");
    assertThat(mail.getHeader("In-Reply-To")[0]).isEqualTo("<CAFE1042@mail.example.com>");
    assertThat(mail.getHeader("References")[0])
        .isEqualTo("<first-1042@mail.example.com> <CAFE1042@mail.example.com>");
    Multipart alternative = (Multipart) mail.getContent();
    assertThat(alternative.getContentType()).startsWith("multipart/alternative");
    assertThat(alternative.getCount()).isEqualTo(2);
    assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(alternative.getBodyPart(0).getContent().toString().replace("\r\n", "\n"))
        .isEqualTo(reply.text());
    assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(alternative.getBodyPart(1).getContent().toString())
        .contains("<p>Thanks for your order.</p>")
        .contains(
            "<a href=\"https://track.acme.test/1042\">https://track.acme.test/1042</a>"
                + " &lt;soon&gt;");
  }

  @Test
  void customersAnswerToOurReplyNamesItSoTheThreadContinues() {
    JsonPath inbox = Inboxes.create(inbox(SMTP_PASSWORD));
    String customer = "bo-" + UUID.randomUUID() + "@example.com";
    OutboundRequested reply =
        Replies.text(inbox.getString("id"), "email", customer, "Could you send a photo?");
    Replies.send(vertx, reply);
    String ours = awaitStatus(reply.messageId(), MessageStatusChanged.SENT).platformMessageId();

    byte[] answer =
        EmailFixtures.email(
            "From: Bo <"
                + customer
                + ">\nTo: "
                + inbox.getString("address")
                + "\nSubject: Re: your message\nMessage-ID: <answer-"
                + UUID.randomUUID()
                + "@example.com>\nIn-Reply-To: <"
                + ours
                + ">\nReferences: <"
                + ours
                + ">\nContent-Type: text/plain; charset=UTF-8\n\nHere it is.\n");
    given()
        .contentType("message/rfc822")
        .header("Authorization", "Bearer " + Inboxes.EMAIL_SECRET)
        .body(answer)
        .when()
        .post(Inboxes.webhookPath(inbox))
        .then()
        .statusCode(200);

    MessageReceived received =
        (MessageReceived)
            tap.awaitExactly(inbox.getString("id"), 2).stream()
                .filter(event -> event.payload() instanceof MessageReceived)
                .findFirst()
                .orElseThrow()
                .payload();
    assertThat(received.replyToPlatformMessageId()).isEqualTo(ours);
  }

  @Test
  void inboxWithoutAnSmtpServerCannotReplyByEmail() {
    JsonPath inbox = EmailFixtures.inbox();
    OutboundRequested reply =
        Replies.text(inbox.getString("id"), "email", "cy@example.com", "Hello Cy");
    Replies.send(vertx, reply);

    MessageStatusChanged failed = awaitStatus(reply.messageId(), MessageStatusChanged.FAILED);
    assertThat(failed.error().code()).isEqualTo("no-smtp");
    assertThat(failed.error().message()).contains("add one in the inbox settings");
  }

  @Test
  void refusedSmtpPasswordMarksTheInboxUnhealthy() {
    JsonPath inbox = Inboxes.create(inbox("not-the-password"));
    OutboundRequested reply =
        Replies.text(inbox.getString("id"), "email", "di@example.com", "Hello Di");
    Replies.send(vertx, reply);

    MessageStatusChanged failed = awaitStatus(reply.messageId(), MessageStatusChanged.FAILED);
    assertThat(failed.error().code()).isEqualTo("smtp-auth");
    given()
        .get("/api/inboxes/" + inbox.getString("id"))
        .then()
        .body("health.status", equalTo("unhealthy"));
  }

  private static Map<String, Object> inbox(String smtpPassword) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("name", "Support desk");
    fields.put("channel", "email");
    fields.put("address", "support-" + UUID.randomUUID() + "@acme.test");
    fields.put("inboundSecret", Inboxes.EMAIL_SECRET);
    fields.put(
        "smtp",
        Map.of(
            "host",
            "127.0.0.1",
            "port",
            mailServer.getSmtp().getPort(),
            "username",
            SMTP_USER,
            "password",
            smtpPassword,
            "tls",
            false));
    return fields;
  }

  private static MimeMessage receivedBy(String address) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Arrays.stream(mailServer.getReceivedMessages())
                    .filter(message -> sentTo(message, address))
                    .findFirst()
                    .orElse(null),
            found -> found != null);
  }

  private static boolean sentTo(MimeMessage message, String address) {
    try {
      return Arrays.stream(message.getAllRecipients())
          .anyMatch(to -> ((InternetAddress) to).getAddress().equals(address));
    } catch (jakarta.mail.MessagingException e) {
      return false;
    }
  }
}
