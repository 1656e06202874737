package io.tutti.connectors.email;

import static io.tutti.connectors.email.EmailFixtures.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tutti.connectors.inbound.InboundItem;
import io.tutti.connectors.inbox.Channel;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.connectors.inbox.InboxSecrets;
import io.tutti.connectors.inbox.InboxSettings;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageReceived;
import io.tutti.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailParserTest {

  private static final InboxContext INBOX =
      new InboxContext(
          UUID.fromString("01900000-0000-7000-8000-000000000001"),
          "acme",
          "Support",
          Channel.EMAIL,
          "support@acme.test",
          null,
          null,
          "https://tutti.acme.test/webhooks/email/01900000-0000-7000-8000-000000000001",
          new InboxSettings(
              null, null, null, null, null, "support@acme.test", null, null, null, null),
          InboxSecrets.NONE);

  private final EmailParser parser = new EmailParser("https://tutti.acme.test/");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Auto-Submitted: auto-replied",
        "Auto-Submitted: auto-generated; owner-email=\"x@y.test\"",
        "X-Autoreply: yes",
        "X-Autorespond: Out of office",
        "Precedence: bulk",
        "Precedence: JUNK",
        "Precedence: auto_reply",
        "Return-Path: <>"
      })
  void automaticMailIsIgnored(String header) {
    byte[] raw =
        email(
            """
            From: Mia <mia@example.test>
            %s
            Subject: Out of office
            Message-ID: <ooo-1@example.test>

            I am away until Monday.
            """
                .formatted(header));
    assertThat(parser.parse(INBOX, raw).item())
        .isEqualTo(new InboundItem.Ignored(EmailParser.AUTO_SUBMITTED));
  }

  @Test
  void bouncesFromTheMailerDaemonAreIgnored() {
    byte[] fromDaemon =
        email(
            """
            From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.test>
            Subject: Undelivered Mail Returned to Sender

            This is the mail system at host mx.example.test.
            """);
    byte[] report =
        email(
            """
            From: postmaster@example.test
            Subject: Delivery Status Notification (Failure)
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: text/plain

            Delivery failed.
            --b--
            """);
    assertThat(parser.parse(INBOX, fromDaemon).item()).isInstanceOf(InboundItem.Ignored.class);
    assertThat(parser.parse(INBOX, report).item()).isInstanceOf(InboundItem.Ignored.class);
  }

  @Test
  void autoSubmittedNoIsAPersonWriting() {
    byte[] raw =
        email(
            """
            From: mia@example.test
            Auto-Submitted: no
            Subject: Hello

            A real question.
            """);
    assertThat(message(raw).text()).isEqualTo("A real question.");
  }

  @Test
  void messageWithoutMessageIdIsKeyedBySenderAndTheHashOfItsBytes() throws Exception {
    byte[] raw =
        email(
            """
            From: mia@example.test
            Subject: No id

            Hello.
            """);
    String expected =
        "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    InboundItem.Message item = (InboundItem.Message) parser.parse(INBOX, raw).item();
    assertThat(item.payload().platformMessageId()).isEqualTo(expected);
    assertThat(item.key()).isEqualTo("mia@example.test:" + expected);
  }

  @Test
  void missingOrUnreadableDateMeansNow() {
    byte[] noDate =
        email(
            """
            From: mia@example.test

            Hello.
            """);
    byte[] badDate =
        email(
            """
            From: mia@example.test
            Date: the day after tomorrow

            Hello.
            """);
    assertThat(message(noDate).sentAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    assertThat(message(badDate).sentAt()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
  }

  @Test
  void encodedWordsInSubjectAndNameAreDecoded() {
    byte[] raw =
        email(
            """
            From: =?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <Juergen.Mueller@Example.TEST>
            Subject: =?ISO-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=
            Message-ID: <koeln-1@example.test>
            Content-Type: text/plain; charset=ISO-8859-1
            Content-Transfer-Encoding: quoted-printable

            Sch=F6ne Gr=FC=DFe
            """);
    MessageReceived message = message(raw);
    assertThat(message.contactName()).isEqualTo("Jürgen Müller");
    assertThat(message.externalContactId()).isEqualTo("juergen.mueller@example.test");
    assertThat(message.contactHandle()).isEqualTo("Juergen.Mueller@Example.TEST");
    assertThat(message.subject()).isEqualTo("Grüße aus Köln");
    assertThat(message.text()).isEqualTo("Schöne Grüße");
  }

  @Test
  void flowedTextIsJoinedBackIntoParagraphs() {
    byte[] raw =
        email(
            """
            From: mia@example.test
            Content-Type: text/plain; charset=UTF-8; format=flowed

            This paragraph was wrapped by the sender's\s
            mail program at seventy-two characters.

            > Quoted and\s
            > wrapped too.
            --\s
            Mia
            """);
    assertThat(message(raw).text())
        .isEqualTo(
            "This paragraph was wrapped by the sender's mail program at seventy-two characters.\n"
                + "\n"
                + "> Quoted and wrapped too.\n"
                + "-- \n"
                + "Mia");
  }

  @Test
  void htmlOnlyEmailGetsATextRenderingAndLosesEverythingActive() {
    byte[] raw =
        email(
            """
            From: mia@example.test
            Content-Type: text/html; charset=UTF-8

            <html><head><style>p{color:red}</style><script>alert(1)</script></head>
            <body onload="steal()"><p onclick="x()">Hello <b>agent</b>,</p>
            <img src="https://example.test/a.png" onerror="alert(2)">
            <a href="javascript:alert(3)">click</a> or <a href="https://example.test/help">help</a>
            <iframe src="https://evil.test"></iframe><ul><li>one</li><li>two</li></ul></body></html>
            """);
    MessageReceived message = message(raw);
    assertThat(message.html())
        .doesNotContainIgnoringCase("script")
        .doesNotContainIgnoringCase("onerror")
        .doesNotContainIgnoringCase("onclick")
        .doesNotContainIgnoringCase("onload")
        .doesNotContainIgnoringCase("javascript:")
        .doesNotContainIgnoringCase("iframe")
        .doesNotContainIgnoringCase("style")
        .contains("<b>agent</b>")
        .contains("<img src=\"https://example.test/a.png\">")
        .contains(
            "<a href=\"https://example.test/help\" rel=\"nofollow noopener noreferrer\">help</a>");
    assertThat(message.text())
        .isEqualTo("Hello agent,\n\nclick or help <https://example.test/help>\n- one\n- two");
  }

  @Test
  void inlineImagesPointAtTheirStoredCopy() {
    byte[] raw =
        email(
            """
            From: mia@example.test
            Message-ID: <inline-1@example.test>
            Content-Type: multipart/related; boundary="rel"

            --rel
            Content-Type: text/html; charset=UTF-8

            <p>Logo: <img src="cid:logo%40example.test"> and <img src="cid:missing@x"></p>
            --rel
            Content-Type: image/png
            Content-ID: <logo@example.test>
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            --rel--
            """);
    ParsedEmail parsed = parser.parse(INBOX, raw);
    MessageReceived message = ((InboundItem.Message) parsed.item()).payload();
    assertThat(parsed.files()).hasSize(1);
    ParsedEmail.FileContent logo = parsed.files().getFirst();
    String url = "https://tutti.acme.test/api/inboxes/" + INBOX.id() + "/attachments/" + logo.id();
    assertThat(message.html()).isEqualTo("<p>Logo: <img src=\"" + url + "\"> and <img></p>");
    assertThat(message.attachments())
        .extracting(
            Attachment::type,
            Attachment::url,
            Attachment::name,
            Attachment::size,
            Attachment::contentType)
        .containsExactly(Tuple.tuple("image", url, "attachment-1.png", 8L, "image/png"));
    assertThat(logo.content()).hasSize(8);
  }

  @Test
  void sameEmailNamesTheSameAttachmentIds() {
    byte[] raw = EmailFixtures.bytes(EmailFixtures.HTML_WITH_ATTACHMENTS);
    assertThat(parser.parse(INBOX, raw).files())
        .extracting(ParsedEmail.FileContent::id)
        .containsExactlyElementsOf(
            parser.parse(INBOX, raw).files().stream().map(ParsedEmail.FileContent::id).toList())
        .doesNotHaveDuplicates();
  }

  @Test
  void textAndHtmlAlternativesAreNotFiles() {
    byte[] raw = EmailFixtures.bytes(EmailFixtures.HTML_WITH_ATTACHMENTS);
    assertThat(parser.parse(INBOX, raw).files())
        .extracting(ParsedEmail.FileContent::name, ParsedEmail.FileContent::contentType)
        .containsExactly(
            Tuple.tuple("image.png", "image/png"),
            Tuple.tuple("nyan cat ✔.gif", "image/gif"),
            Tuple.tuple("notes.txt", "text/plain"));
  }

  @Test
  void attachedFileNamesCannotNameADirectory() {
    byte[] raw =
        email(
            """
            From: mia@example.test
            Content-Type: multipart/mixed; boundary="m"

            --m
            Content-Type: text/plain

            See attached.
            --m
            Content-Type: application/pdf; name="../../etc/passwd.pdf"
            Content-Disposition: attachment; filename="..\\\\..\\\\invoice.pdf"

            %PDF-1.4
            --m--
            """);
    assertThat(parser.parse(INBOX, raw).files())
        .extracting(ParsedEmail.FileContent::name)
        .containsExactly("invoice.pdf");
  }

  @Test
  void hugeBodiesAreBoundedInTheEvent() {
    String paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20);
    String text = (paragraph + "\n").repeat(200);
    String html = ("<p>" + paragraph + "</p>").repeat(600);
    byte[] raw =
        email(
            """
            From: mia@example.test
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain; charset=UTF-8

            %s
            --alt
            Content-Type: text/html; charset=UTF-8

            %s
            --alt--
            """
                .formatted(text, html));
    MessageReceived message = message(raw);
    assertThat(message.text()).hasSize(EmailParser.MAX_TEXT + 4).endsWith("\n[…]");
    assertThat(message.html()).isNull();
  }

  @Test
  void messageWithoutFromIsMalformed() {
    byte[] raw =
        email(
            """
            To: support@acme.test
            Subject: Who am I

            Nobody knows.
            """);
    assertMalformed(raw);
    assertMalformed(
        email(
            """
            From: not an address
            Subject: Still nobody

            Hello.
            """));
  }

  @Test
  void brokenMultipartOrGarbageIsMalformed() {
    byte[] noBoundary =
        email(
            """
            From: mia@example.test
            Content-Type: multipart/mixed; boundary="never-used"

            There is no part here at all.
            """);
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    assertMalformed(noBoundary);
    assertMalformed(garbage);
    assertMalformed("\u0000\u0001binary".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void partsNestedTooDeeplyAreMalformed() {
    StringBuilder raw = new StringBuilder("From: mia@example.test\n");
    int depth = 40;
    for (int i = 0; i < depth; i++) {
      raw.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n");
      raw.append("--b").append(i).append('\n');
    }
    raw.append("Content-Type: text/plain\n\ndeep\n");
    for (int i = depth - 1; i >= 0; i--) {
      raw.append("--b").append(i).append("--\n");
    }
    assertMalformed(email(raw.toString()));
  }

  @Test
  void longReferencesKeepTheRootAndTheLatest() {
    StringBuilder references = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      references.append(" <r").append(i).append("@example.test>");
    }
    assertThat(EmailParser.ids(references.toString()))
        .hasSize(100)
        .startsWith("r0@example.test", "r51@example.test")
        .endsWith("r149@example.test");
    assertThat(EmailParser.ids("a@example.test b@example.test"))
        .containsExactly("a@example.test", "b@example.test");
  }

  private MessageReceived message(byte[] raw) {
    return ((InboundItem.Message) parser.parse(INBOX, raw).item()).payload();
  }

  private void assertMalformed(byte[] raw) {
    assertThatThrownBy(() -> parser.parse(INBOX, raw))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status()).isEqualTo(400);
              assertThat(e.problem().type()).isEqualTo("urn:tutti:problem:malformed-body");
            });
  }
}
