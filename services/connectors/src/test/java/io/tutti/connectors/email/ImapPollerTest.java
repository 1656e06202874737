package io.tutti.connectors.email;

import static io.tutti.connectors.email.EmailFixtures.HTML_WITH_ATTACHMENTS;
import static io.tutti.connectors.email.EmailFixtures.PLAIN;
import static io.tutti.connectors.email.EmailFixtures.REPLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.Deliveries;
import io.tutti.connectors.testing.EventListeningTest;
import io.tutti.events.type.MessageReceived;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The poller against GreenMail's real IMAP server (with IDLE), on a free port. */
@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class ImapPollerTest extends EventListeningTest {

  private static GreenMail mailServer;

  @BeforeAll
  static void startMailServer() {
    mailServer = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
    mailServer.start();
  }

  @AfterAll
  static void stopMailServer() {
    mailServer.stop();
  }

  @Test
  void unreadMailBecomesMessagesAndIsMarkedSeenOnceStored() throws Exception {
    Mailbox mailbox = mailbox("imap-password-1");
    mailbox.deliver(PLAIN);
    mailbox.deliver(REPLY);
    mailbox.deliver(HTML_WITH_ATTACHMENTS);

    JsonPath inbox = EmailFixtures.imapInbox(port(), mailbox.login(), "imap-password-1");
    List<MessageReceived> messages = messages(inbox, 3);
    assertThat(messages)
        .extracting(MessageReceived::platformMessageId)
        .containsExactlyInAnyOrder(
            "6B7EC235-5B17-4CA8-B2B8-39290DEB43A3@test.lindsaar.net",
            "473FFE27.20003@xxx.org",
            "012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee");
    assertThat(messages).allSatisfy(m -> assertThat(m.channel()).isEqualTo("email"));
    MessageReceived withFiles =
        messages.stream().filter(m -> !m.attachments().isEmpty()).findFirst().orElseThrow();
    assertThat(withFiles.attachments()).hasSize(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.seen() == 3);
  }

  @Test
  void mailArrivingWhileConnectedIsTakenWithinSeconds() throws Exception {
    Mailbox mailbox = mailbox("imap-password-2");
    JsonPath inbox = EmailFixtures.imapInbox(port(), mailbox.login(), "imap-password-2");
    // Once the first email is in, the watcher is connected and waiting in IDLE.
    mailbox.deliver(PLAIN);
    messages(inbox, 1);

    mailbox.deliver(REPLY);
    assertThat(messages(inbox, 2))
        .extracting(MessageReceived::platformMessageId)
        .contains("473FFE27.20003@xxx.org");
    await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.seen() == 2);
  }

  @Test
  void unreadableMailIsKeptAndMarkedSeenSoItIsNotFetchedForever() throws Exception {
    Mailbox mailbox = mailbox("imap-password-5");
    mailbox.deliver(
        EmailFixtures.email(
            """
            To: support@acme.test
            Subject: Sent by a broken script
            Message-ID: <no-sender-1@example.test>

            Nobody signed this.
            """));
    mailbox.deliver(PLAIN);
    JsonPath inbox = EmailFixtures.imapInbox(port(), mailbox.login(), "imap-password-5");

    assertThat(messages(inbox, 1))
        .extracting(MessageReceived::platformMessageId)
        .containsExactly("6B7EC235-5B17-4CA8-B2B8-39290DEB43A3@test.lindsaar.net");
    await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.seen() == 2);
    assertThat(Deliveries.of(inbox.getString("id")))
        .extracting(Deliveries.Stored::ignored)
        .containsExactlyInAnyOrder(null, EmailIntake.MALFORMED);
  }

  @Test
  void aConnectionThatGoesSilentIsNoticedAndReplaced() throws Exception {
    try (SilentableRelay relay = new SilentableRelay(port())) {
      Mailbox mailbox = mailbox("imap-password-4");
      JsonPath inbox = EmailFixtures.imapInbox(relay.port(), mailbox.login(), "imap-password-4");
      mailbox.deliver(PLAIN);
      messages(inbox, 1);

      relay.silenceOpenConnections();
      mailbox.deliver(REPLY);
      // The IDLE ends at the poll interval, its answer never comes, the read times out and the
      // watcher connects again: all within the test profile's few seconds.
      assertThat(messages(inbox, 2))
          .extracting(MessageReceived::platformMessageId)
          .contains("473FFE27.20003@xxx.org");
    }
  }

  @Test
  void aWrongPasswordIsLoggedWithoutItAndDoesNotStopOtherInboxes() throws Exception {
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler capture = new WarningCapture(warnings);
    Logger log = Logger.getLogger("io.tutti.connectors.email");
    log.addHandler(capture);
    try {
      String wrongPassword = "wrong-imap-password-" + UUID.randomUUID();
      Mailbox locked = mailbox("the-right-password");
      locked.deliver(PLAIN);
      Mailbox open = mailbox("imap-password-3");
      open.deliver(REPLY);

      JsonPath failing = EmailFixtures.imapInbox(port(), locked.login(), wrongPassword);
      JsonPath working = EmailFixtures.imapInbox(port(), open.login(), "imap-password-3");

      assertThat(messages(working, 1))
          .extracting(MessageReceived::platformMessageId)
          .containsExactly("473FFE27.20003@xxx.org");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> warnings.stream().anyMatch(w -> w.contains(failing.getString("id"))));
      assertThat(tap.ofInbox(failing.getString("id"))).isEmpty();
      assertThat(locked.seen()).isZero();
      assertThat(warnings).noneMatch(w -> w.contains(wrongPassword));
    } finally {
      log.removeHandler(capture);
    }
  }

  private List<MessageReceived> messages(JsonPath inbox, int count) {
    return tap.awaitExactly(inbox.getString("id"), count).stream()
        .map(event -> (MessageReceived) event.payload())
        .toList();
  }

  private static int port() {
    return mailServer.getImap().getPort();
  }

  private static Mailbox mailbox(String password) {
    String address = "imap-" + UUID.randomUUID() + "@tutti.test";
    return new Mailbox(mailServer.setUser(address, address, password));
  }

  /** A GreenMail user's INBOX. */
  private record Mailbox(GreenMailUser user) {

    String login() {
      return user.getLogin();
    }

    void deliver(String fixture) throws MessagingException {
      deliver(EmailFixtures.bytes(fixture));
    }

    void deliver(byte[] raw) throws MessagingException {
      user.deliver(
          new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    long seen() throws FolderException {
      return mailServer.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
          .filter(message -> message.isSet(Flags.Flag.SEEN))
          .count();
    }
  }

  /** Collects the warnings logged by the email package. */
  private static final class WarningCapture extends Handler {

    private final List<String> warnings;

    WarningCapture(List<String> warnings) {
      this.warnings = warnings;
    }

    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        // The pattern and its arguments: whatever the formatter makes of them, it has no more.
        warnings.add(record.getMessage() + " " + Arrays.toString(record.getParameters()));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
