package io.tutti.connectors.email;

import io.tutti.connectors.config.ConnectorsConfig;
import io.tutti.connectors.inbound.InboundItem;
import io.tutti.connectors.inbound.PlatformTime;
import io.tutti.connectors.inbound.Text;
import io.tutti.connectors.inbound.Webhooks;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageReceived;
import io.tutti.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Reads a raw RFC 5322 message (from the webhook or IMAP) into a {@code message.received} item.
 *
 * <p>The body is the first text/plain rendering (format=flowed joined back into paragraphs) and the
 * first HTML one, sanitised, with inline {@code cid:} images pointing at Tutti's own copy; every
 * other leaf part is a file. Auto-replies and bounces are ignored so that an out-of-office answer
 * to an agent's reply can never start a loop. Anything that is not readable MIME, or has no sender
 * address, is a 400.
 */
@ApplicationScoped
public class EmailParser {

  /** The ignored kind of automatic mail: auto-replies, bounces, bulk mail. */
  public static final String AUTO_SUBMITTED = "auto-submitted";

  private static final Logger LOG = Logger.getLogger(EmailParser.class);

  /**
   * Deeper nesting is no real mail; the bound keeps a crafted message from exhausting the stack.
   */
  private static final int MAX_DEPTH = 20;

  /** RFC 5322 §3.6.4 lets long References be trimmed; the root and the latest ones matter most. */
  private static final int MAX_REFERENCES = 100;

  /** The longest text and HTML an event carries, in characters. */
  static final int MAX_TEXT = 100_000;

  static final int MAX_HTML = 400_000;

  private static final String CUT = "\n[…]";
  private static final int MAX_FILE_NAME = 255;
  private static final int MAX_CONTENT_TYPE = 255;
  private static final Pattern ANGLE_ID = Pattern.compile("<([^<>]*)>");
  private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "auto_reply");
  private static final Session SESSION = Session.getInstance(new Properties());

  private final String publicUrl;

  @Inject
  public EmailParser(ConnectorsConfig config) {
    this(config.publicUrl());
  }

  EmailParser(String publicUrl) {
    String url = publicUrl.strip();
    this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * The message as an item for {@code inbox}, with the files it carried. Blocking and CPU-bound for
   * large messages: call it off the event loop.
   *
   * @throws ProblemException 400 when the bytes are not a readable message or name no sender
   */
  public ParsedEmail parse(InboxContext inbox, byte[] raw) {
    try {
      MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
      if (isAutomatic(message)) {
        return ParsedEmail.ignored(AUTO_SUBMITTED);
      }
      return read(inbox, raw, message);
    } catch (ProblemException e) {
      throw e;
    } catch (MessagingException | IOException | RuntimeException e) {
      // The detail of a MIME library's complaint helps nobody calling us; the sender needs to know
      // the message itself is at fault, never that one of our classes failed.
      LOG.debugf(e, "Unreadable email for inbox %s", inbox.id());
      throw Webhooks.malformed("The body is not a readable RFC 5322 email message.");
    }
  }

  private ParsedEmail read(InboxContext inbox, byte[] raw, MimeMessage message)
      throws MessagingException, IOException {
    InternetAddress from = sender(message);
    String address = Text.clean(from.getAddress().strip());
    String messageId = firstId(message.getHeader("Message-ID", " "));
    String platformMessageId = messageId != null ? messageId : "sha256:" + sha256Hex(raw);
    // Anyone can write any Message-ID: scoped to the sender, a forged one cannot make Tutti drop
    // (or take the attachments of) another sender's real email as a duplicate.
    String key = address.toLowerCase(java.util.Locale.ROOT) + ":" + platformMessageId;

    Body body = new Body(inbox.id(), key);
    walk(message, body, 0, false, false);

    Map<String, String> inlineUrls = new HashMap<>();
    List<Attachment> attachments = new ArrayList<>();
    for (Body.File file : body.files) {
      ParsedEmail.FileContent content = file.content();
      String url = url(inbox.id(), content.id());
      attachments.add(
          new Attachment(
              kind(content.contentType()),
              url,
              content.name(),
              (long) content.content().length,
              content.contentType()));
      if (file.contentId() != null) {
        inlineUrls.putIfAbsent(file.contentId(), url);
      }
    }
    String html = null;
    String text = Text.blankToNull(body.text.toString().strip());
    if (body.html != null) {
      Document clean = EmailHtml.sanitise(body.html, inlineUrls);
      html = EmailHtml.html(clean);
      if (text == null) {
        text = Text.blankToNull(EmailHtml.text(clean));
      }
    }
    // The event travels through the outbox and the broker, which bound a message's size; the raw
    // email stays in the delivery. Cut HTML would be broken markup, so it is left out instead.
    text = truncate(text, MAX_TEXT);
    if (html != null && html.length() > MAX_HTML) {
      html = null;
    }

    MessageReceived payload =
        new MessageReceived(
            inbox.id().toString(),
            inbox.channel().id(),
            address.toLowerCase(Locale.ROOT),
            Text.blankToNull(Text.clean(from.getPersonal())),
            address,
            platformMessageId,
            Text.clean(text),
            attachments,
            firstId(message.getHeader("In-Reply-To", " ")),
            sentAt(message),
            null,
            MessageReceived.KIND_MESSAGE,
            Text.blankToNull(Text.clean(message.getSubject())),
            Text.clean(html),
            ids(message.getHeader("References", " ")));
    return new ParsedEmail(
        InboundItem.message(inbox, key, payload),
        body.files.stream().map(Body.File::content).toList());
  }

  /**
   * Whether the message was sent by a machine rather than a person: RFC 3834 Auto-Submitted, the
   * headers vacation responders use, bulk precedence, and delivery reports (bounces).
   */
  private static boolean isAutomatic(MimeMessage message) throws MessagingException {
    String autoSubmitted = header(message, "Auto-Submitted");
    if (autoSubmitted != null && !autoSubmitted.split(";", 2)[0].strip().equalsIgnoreCase("no")) {
      return true;
    }
    if (header(message, "X-Autoreply") != null || header(message, "X-Autorespond") != null) {
      return true;
    }
    String precedence = header(message, "Precedence");
    if (precedence != null && BULK_PRECEDENCE.contains(precedence.toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (message.isMimeType("multipart/report")) {
      return true;
    }
    // A null reverse path is how RFC 3834 and RFC 5321 mark bounces and automatic answers.
    String returnPath = header(message, "Return-Path");
    if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
      return true;
    }
    String from = header(message, "From");
    if (from != null) {
      try {
        for (InternetAddress address : InternetAddress.parseHeader(from, false)) {
          String local = address.getAddress() == null ? "" : address.getAddress().split("@", 2)[0];
          if (local.strip().equalsIgnoreCase("mailer-daemon")) {
            return true;
          }
        }
      } catch (AddressException e) {
        // Not a machine we recognise; sender() decides whether the message is acceptable.
        return false;
      }
    }
    return false;
  }

  private static InternetAddress sender(MimeMessage message) throws MessagingException {
    String header = message.getHeader("From", ",");
    if (header == null || header.isBlank()) {
      throw Webhooks.malformed("The message has no From address.");
    }
    try {
      for (InternetAddress address : InternetAddress.parseHeader(header, false)) {
        String value = address.getAddress();
        if (value != null && value.indexOf('@') > 0 && value.indexOf('@') < value.length() - 1) {
          return address;
        }
      }
    } catch (AddressException e) {
      throw Webhooks.malformed("The From header is not an email address.");
    }
    throw Webhooks.malformed("The From header names no email address.");
  }

  /**
   * Collects the body and files of {@code part}.
   *
   * @param alternative whether {@code part} is one rendering of a multipart/alternative
   * @param skipText whether an earlier rendering already gave the plain text
   */
  private void walk(Part part, Body body, int depth, boolean alternative, boolean skipText)
      throws MessagingException, IOException {
    if (depth > MAX_DEPTH) {
      throw Webhooks.malformed("The message nests its parts more than " + MAX_DEPTH + " deep.");
    }
    if (part.isMimeType("multipart/*")) {
      // Read straight from the part's bytes: the DataHandler route would look the type up in the
      // activation framework's mailcap, which varies with the class path.
      Multipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
      boolean isAlternative = part.isMimeType("multipart/alternative");
      int textBefore = body.text.length();
      for (int i = 0; i < multipart.getCount(); i++) {
        boolean textTaken = isAlternative && body.text.length() > textBefore;
        walk(multipart.getBodyPart(i), body, depth + 1, isAlternative, skipText || textTaken);
      }
      return;
    }
    boolean file = Part.ATTACHMENT.equalsIgnoreCase(disposition(part)) || fileName(part) != null;
    if (!file && part.isMimeType("text/plain")) {
      if (!skipText) {
        String text = plainText(part);
        if (!text.isBlank()) {
          if (!body.text.isEmpty()) {
            body.text.append("\n\n");
          }
          body.text.append(text.strip());
        }
      }
      return;
    }
    if (!file && part.isMimeType("text/html") && body.html == null) {
      body.html = html(part);
      return;
    }
    if (alternative && part.isMimeType("text/*")) {
      // Another rendering of the same body (text/enriched, Apple's text/watch-html…).
      return;
    }
    body.files.add(
        new Body.File(file(part, body.nextFileId(), body.files.size()), contentId(part)));
  }

  private static String plainText(Part part) throws MessagingException, IOException {
    ContentType type = contentType(part);
    String charset = type == null ? null : type.getParameter("charset");
    String text;
    try (InputStream in = part.getInputStream()) {
      text = new String(in.readAllBytes(), charset(charset));
    }
    text = text.replace("\r\n", "\n").replace('\r', '\n');
    if (type != null && "flowed".equalsIgnoreCase(type.getParameter("format"))) {
      text = unflow(text, "yes".equalsIgnoreCase(type.getParameter("delsp")));
    }
    return text;
  }

  private static Document html(Part part) throws MessagingException, IOException {
    ContentType type = contentType(part);
    String charset = type == null ? null : type.getParameter("charset");
    try (InputStream in = part.getInputStream()) {
      // Without a usable MIME charset, jsoup reads the document's own <meta charset>.
      return Jsoup.parse(in, known(charset) ? charset(charset).name() : null, "");
    }
  }

  private static ParsedEmail.FileContent file(Part part, UUID id, int index)
      throws MessagingException, IOException {
    ContentType type = contentType(part);
    String contentType =
        type == null || type.getBaseType().length() > MAX_CONTENT_TYPE
            ? "application/octet-stream"
            : type.getBaseType().toLowerCase(Locale.ROOT);
    byte[] content;
    try (InputStream in = part.getInputStream()) {
      content = in.readAllBytes();
    }
    String name = fileName(part);
    if (name == null && part.isMimeType("message/rfc822")) {
      name = "message.eml";
    }
    name = safeFileName(name);
    if (name == null) {
      name = "attachment-" + (index + 1) + extension(contentType);
    }
    return new ParsedEmail.FileContent(id, name, contentType, content);
  }

  private String url(UUID inboxId, UUID attachmentId) {
    return publicUrl + "/api/inboxes/" + inboxId + "/attachments/" + attachmentId;
  }

  /**
   * RFC 3676: a line ending in a space continues in the next one (unless it is the signature
   * separator), a leading space was added for transport, and {@code >} marks quote depth.
   */
  static String unflow(String text, boolean delSp) {
    List<String> lines = new ArrayList<>();
    StringBuilder paragraph = null;
    int paragraphDepth = 0;
    for (String line : text.split("\n", -1)) {
      int depth = 0;
      while (depth < line.length() && line.charAt(depth) == '>') {
        depth++;
      }
      String content = line.substring(depth);
      if (content.startsWith(" ")) {
        content = content.substring(1);
      }
      if (paragraph != null && depth != paragraphDepth) {
        lines.add(quote(paragraphDepth) + paragraph);
        paragraph = null;
      }
      boolean soft = content.endsWith(" ") && !content.equals("-- ");
      if (soft && delSp) {
        content = content.substring(0, content.length() - 1);
      }
      if (paragraph == null) {
        paragraph = new StringBuilder(content);
        paragraphDepth = depth;
      } else {
        paragraph.append(content);
      }
      if (!soft) {
        lines.add(quote(depth) + paragraph);
        paragraph = null;
      }
    }
    if (paragraph != null) {
      lines.add(quote(paragraphDepth) + paragraph);
    }
    return String.join("\n", lines);
  }

  private static String truncate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end) + CUT;
  }

  private static String quote(int depth) {
    return depth == 0 ? "" : ">".repeat(depth) + " ";
  }

  /** The message ids in a Message-ID, In-Reply-To or References header, without brackets. */
  static List<String> ids(String header) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    Set<String> ids = new LinkedHashSet<>();
    Matcher matcher = ANGLE_ID.matcher(header);
    while (matcher.find()) {
      String id = Text.clean(matcher.group(1).replaceAll("\\s+", ""));
      if (!id.isEmpty()) {
        ids.add(id);
      }
    }
    if (ids.isEmpty()) {
      // Some mailers leave the brackets out.
      for (String token : header.strip().split("\\s+")) {
        ids.add(Text.clean(token));
      }
    }
    List<String> all = new ArrayList<>(ids);
    if (all.size() <= MAX_REFERENCES) {
      return all;
    }
    List<String> kept = new ArrayList<>(MAX_REFERENCES);
    kept.add(all.getFirst());
    kept.addAll(all.subList(all.size() - (MAX_REFERENCES - 1), all.size()));
    return kept;
  }

  static String firstId(String header) {
    List<String> ids = ids(header);
    return ids.isEmpty() ? null : ids.getFirst();
  }

  private static Instant sentAt(MimeMessage message) {
    try {
      Date date = message.getSentDate();
      return PlatformTime.sentAt(date == null ? null : date.toInstant(), Instant.now());
    } catch (MessagingException e) {
      return Instant.now();
    }
  }

  private static String header(MimeMessage message, String name) throws MessagingException {
    String value = message.getHeader(name, null);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static ContentType contentType(Part part) throws MessagingException {
    try {
      return new ContentType(part.getContentType());
    } catch (ParseException e) {
      return null;
    }
  }

  private static String disposition(Part part) {
    try {
      return part.getDisposition();
    } catch (MessagingException e) {
      return null;
    }
  }

  private static String fileName(Part part) {
    String name;
    try {
      name = part.getFileName();
    } catch (MessagingException e) {
      return null;
    }
    if (name == null || name.isBlank()) {
      return null;
    }
    if (name.contains("=?")) {
      // Outlook and others put RFC 2047 words in filename parameters, though RFC 2231 says not to.
      try {
        name = MimeUtility.decodeText(name);
      } catch (UnsupportedEncodingException e) {
        return name;
      }
    }
    return name;
  }

  private static String contentId(Part part) throws MessagingException {
    String[] values = part.getHeader("Content-ID");
    return values == null || values.length == 0 ? null : firstId(values[0]);
  }

  /** The last path segment, without control characters, at most 255 characters; or null. */
  private static String safeFileName(String name) {
    if (name == null) {
      return null;
    }
    String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    String safe = Text.clean(base).replaceAll("\\p{Cntrl}", "").strip();
    if (safe.isEmpty() || safe.equals(".") || safe.equals("..")) {
      return null;
    }
    return safe.length() <= MAX_FILE_NAME ? safe : safe.substring(0, MAX_FILE_NAME);
  }

  private static String kind(String contentType) {
    if (contentType.startsWith("image/")) {
      return "image";
    }
    if (contentType.startsWith("video/")) {
      return "video";
    }
    if (contentType.startsWith("audio/")) {
      return "audio";
    }
    return "file";
  }

  private static String extension(String contentType) {
    return switch (contentType) {
      case "image/png" -> ".png";
      case "image/jpeg" -> ".jpg";
      case "image/gif" -> ".gif";
      case "image/webp" -> ".webp";
      case "application/pdf" -> ".pdf";
      case "text/plain" -> ".txt";
      case "text/calendar" -> ".ics";
      case "message/rfc822" -> ".eml";
      default -> "";
    };
  }

  private static boolean known(String charset) {
    if (charset == null || charset.isBlank()) {
      return false;
    }
    try {
      return Charset.isSupported(MimeUtility.javaCharset(charset.strip()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The part's charset; UTF-8 when it names none or one Java lacks (UTF-8 reads ASCII too). */
  private static Charset charset(String charset) {
    return known(charset)
        ? Charset.forName(MimeUtility.javaCharset(charset.strip()))
        : StandardCharsets.UTF_8;
  }

  private static String sha256Hex(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the walk over the parts found. */
  private static final class Body {

    private final UUID inboxId;
    private final String messageKey;
    private final StringBuilder text = new StringBuilder();
    private final List<File> files = new ArrayList<>();
    private Document html;

    private Body(UUID inboxId, String messageKey) {
      this.inboxId = inboxId;
      this.messageKey = messageKey;
    }

    /**
     * The id of the next file: derived from the inbox, the sender's message and the file's
     * position, so a re-delivered email names the same rows (and the store writes them once).
     */
    private UUID nextFileId() {
      return UUID.nameUUIDFromBytes(
          (inboxId + "\n" + messageKey + "\n" + files.size()).getBytes(StandardCharsets.UTF_8));
    }

    private record File(ParsedEmail.FileContent content, String contentId) {}
  }
}
