package io.tutti.connectors.email;

import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.Fixtures;
import io.tutti.connectors.testing.Inboxes;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The real emails in {@code ../shared/fixtures/channels/email/} beside the repository (or under
 * {@code TUTTI_FIXTURES}), byte for byte, and email inboxes created through the real API (call
 * those as an admin).
 */
final class EmailFixtures {

  static final String PLAIN = "plain.eml";
  static final String REPLY = "reply_in_reply_to_references.eml";
  static final String HTML_WITH_ATTACHMENTS = "multipart_html_attachments.eml";

  private EmailFixtures() {}

  static byte[] bytes(String name) {
    return Fixtures.bytes("email/" + name);
  }

  /** The decoded bytes of the fixture's part with this file name, read independently of Tutti. */
  static byte[] part(String name, String fileName) {
    try {
      MimeMessage message =
          new MimeMessage(
              Session.getInstance(new Properties()), new ByteArrayInputStream(bytes(name)));
      byte[] found = find(message, fileName);
      if (found == null) {
        throw new IllegalArgumentException(name + " has no part named " + fileName);
      }
      return found;
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] find(Part part, String fileName) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
      for (int i = 0; i < multipart.getCount(); i++) {
        byte[] found = find(multipart.getBodyPart(i), fileName);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (!fileName.equals(part.getFileName())) {
      return null;
    }
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    }
  }

  /** A message written for a test, with CRLF line ends as on the wire. */
  static byte[] email(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /** A fixture with {@code headers} (CRLF-terminated lines) put in front of its own. */
  static byte[] withHeaders(String name, String headers) {
    byte[] extra = headers.getBytes(StandardCharsets.UTF_8);
    byte[] original = bytes(name);
    byte[] combined = new byte[extra.length + original.length];
    System.arraycopy(extra, 0, combined, 0, extra.length);
    System.arraycopy(original, 0, combined, extra.length, original.length);
    return combined;
  }

  /**
   * An email inbox with a unique address, reachable on its webhook with {@link
   * Inboxes#EMAIL_SECRET}.
   */
  static JsonPath inbox() {
    return Inboxes.create(fields(null));
  }

  /** An email inbox that also reads a plain-IMAP mailbox. */
  static JsonPath imapInbox(int port, String username, String password) {
    return Inboxes.create(
        fields(
            Map.of(
                "host", "127.0.0.1",
                "port", port,
                "username", username,
                "password", password,
                "tls", false)));
  }

  private static Map<String, Object> fields(Map<String, Object> imap) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("name", "Support");
    fields.put("channel", "email");
    fields.put("address", "support-" + UUID.randomUUID() + "@tutti.test");
    fields.put("inboundSecret", Inboxes.EMAIL_SECRET);
    if (imap != null) {
      fields.put("imap", imap);
    }
    return fields;
  }
}
