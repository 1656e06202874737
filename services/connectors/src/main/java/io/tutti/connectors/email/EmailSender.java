package io.tutti.connectors.email;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tutti.connectors.inbox.Channel;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.connectors.inbox.InboxSettings;
import io.tutti.connectors.outbound.ChannelSender;
import io.tutti.connectors.outbound.Delivery;
import io.tutti.connectors.outbound.OutboundConfig;
import io.tutti.connectors.outbound.Part;
import io.tutti.connectors.outbound.PartPlanner;
import io.tutti.connectors.outbound.PlatformHttp;
import io.tutti.connectors.outbound.SendFailure;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.OutboundRequested;
import jakarta.activation.DataHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Email replies over the inbox's SMTP server: a text and an HTML part, the inbox's address as
 * sender, and {@code In-Reply-To} / {@code References} naming the customer's email so their mail
 * client threads the reply. Our Message-ID is {@code <message id>@<inbox domain>}, so the
 * customer's next email, which names it in In-Reply-To, joins the same conversation.
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {

  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");
  private static final Pattern RE =
      Pattern.compile("^(re|aw|sv|antw)\\s*:", Pattern.CASE_INSENSITIVE);

  private final PlatformHttp http;
  private final OutboundConfig config;

  public EmailSender(PlatformHttp http, OutboundConfig config) {
    this.http = http;
    this.config = config;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.EMAIL);
  }

  @Override
  public List<Part> plan(Delivery delivery) {
    PartPlanner.refuseTemplate(delivery, "email");
    InboxSettings.MailServerSettings smtp = delivery.inbox().settings().smtp();
    if (smtp == null || smtp.host() == null) {
      throw SendFailure.permanent(
          "no-smtp",
          "This email inbox has no SMTP server; add one in the inbox settings to reply by email.");
    }
    List<Attachment> attachments =
        delivery.command().attachments() == null ? List.of() : delivery.command().attachments();
    if (!delivery.hasText() && attachments.isEmpty()) {
      PartPlanner.notEmpty(List.of());
    }
    try {
      new InternetAddress(delivery.recipient(), true);
    } catch (AddressException e) {
      throw SendFailure.permanent(
          "invalid-recipient", delivery.recipient() + " is not an email address.");
    }
    return List.of(new Part(0, delivery.text(), attachments));
  }

  @Override
  public Uni<String> send(Delivery delivery, Part part) {
    return Multi.createFrom()
        .iterable(part.attachments())
        .onItem()
        .transformToUniAndConcatenate(
            attachment ->
                http.fetch(attachment.url(), config.maxEmailAttachmentBytes())
                    .map(bytes -> new Fetched(attachment, bytes.getBytes())))
        .collect()
        .asList()
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(files -> transmit(delivery, part, files));
  }

  private record Fetched(Attachment attachment, byte[] content) {}

  /** Blocking: builds the message and hands it to the SMTP server. */
  private String transmit(Delivery delivery, Part part, List<Fetched> files) {
    InboxContext inbox = delivery.inbox();
    InboxSettings.MailServerSettings smtp = inbox.settings().smtp();
    OutboundRequested command = delivery.command();
    String address = inbox.settings().address();
    String messageId = command.messageId() + "@" + domain(address);
    String password = inbox.secrets().smtpPassword();
    Session session = Session.getInstance(properties(smtp, password != null));
    try {
      MimeMessage message = new IdentifiedMessage(session, "<" + messageId + ">");
      message.setFrom(new InternetAddress(address, inbox.name(), "UTF-8"));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(delivery.recipient()));
      message.setSubject(subject(command.subject()), "UTF-8");
      message.setSentDate(new Date());
      String replyTo = command.replyToPlatformMessageId();
      if (replyTo != null && !replyTo.isBlank()) {
        message.setHeader("In-Reply-To", "<" + replyTo + ">");
      }
      String references = references(command.references(), replyTo);
      if (!references.isEmpty()) {
        message.setHeader("References", references);
      }
      message.setContent(body(part.text(), files));
      message.saveChanges();
      String username = smtp.username() != null ? smtp.username() : address;
      try (Transport transport = session.getTransport(protocol(smtp))) {
        transport.connect(smtp.host(), port(smtp), password != null ? username : null, password);
        transport.sendMessage(message, message.getAllRecipients());
      }
      return messageId;
    } catch (AuthenticationFailedException e) {
      throw SendFailure.credentials(
          "smtp-auth", "The SMTP server refused the inbox's username or password.");
    } catch (SMTPSendFailedException e) {
      throw smtpFailure(e.getReturnCode(), e.getMessage());
    } catch (SendFailedException e) {
      if (e.getNextException() instanceof SMTPSendFailedException refused) {
        throw smtpFailure(refused.getReturnCode(), refused.getMessage());
      }
      throw SendFailure.permanent(
          "smtp-recipient", "The SMTP server refused the recipient " + delivery.recipient() + ".");
    } catch (MessagingException e) {
      throw SendFailure.transientFailure(
          "smtp-unreachable",
          "The SMTP server " + smtp.host() + ":" + port(smtp) + " could not be reached.");
    } catch (UnsupportedEncodingException e) {
      throw SendFailure.permanent("invalid-sender", "The inbox's name cannot be written.");
    }
  }

  /** SMTP reply codes: 4xx is "try again later", 5xx is final. */
  private static SendFailure smtpFailure(int code, String message) {
    String text = "The SMTP server answered " + code + ": " + firstLine(message);
    if (code == 535 || code == 530) {
      return SendFailure.credentials(String.valueOf(code), text);
    }
    return code >= 400 && code < 500
        ? SendFailure.transientFailure(String.valueOf(code), text)
        : SendFailure.permanent(String.valueOf(code), text);
  }

  private MimeMultipart body(String text, List<Fetched> files) throws MessagingException {
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text, "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(html(text), "UTF-8", "html");
    alternative.addBodyPart(plain);
    alternative.addBodyPart(html);
    if (files.isEmpty()) {
      return alternative;
    }
    MimeMultipart mixed = new MimeMultipart("mixed");
    MimeBodyPart content = new MimeBodyPart();
    content.setContent(alternative);
    mixed.addBodyPart(content);
    for (Fetched file : files) {
      MimeBodyPart part = new MimeBodyPart();
      String type =
          file.attachment().contentType() != null
              ? file.attachment().contentType()
              : "application/octet-stream";
      part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), type)));
      part.setFileName(fileName(file.attachment()));
      part.setDisposition(MimeBodyPart.ATTACHMENT);
      mixed.addBodyPart(part);
    }
    return mixed;
  }

  /** The reply as HTML: escaped, paragraphs and line breaks kept, links clickable. */
  static String html(String text) {
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
    for (String paragraph : text.strip().split("\\R\\s*\\R")) {
      if (paragraph.isBlank()) {
        continue;
      }
      html.append("<p>");
      String[] lines = paragraph.strip().split("\\R");
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          html.append("<br>");
        }
        html.append(linkify(lines[i]));
      }
      html.append("</p>");
    }
    return html.append("</body></html>").toString();
  }

  private static String linkify(String line) {
    StringBuilder out = new StringBuilder();
    Matcher matcher = URL.matcher(line);
    int last = 0;
    while (matcher.find()) {
      out.append(escape(line.substring(last, matcher.start())));
      String url = escape(matcher.group());
      out.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
      last = matcher.end();
    }
    return out.append(escape(line.substring(last))).toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  static String subject(String subject) {
    if (subject == null || subject.isBlank()) {
      return "Re: your message";
    }
    String stripped = subject.strip();
    return RE.matcher(stripped).find() ? stripped : "Re: " + stripped;
  }

  /** The thread's Message-IDs, oldest first, ending with the one replied to, each once. */
  static String references(List<String> references, String replyTo) {
    List<String> ids = new ArrayList<>();
    if (references != null) {
      references.stream().filter(id -> id != null && !id.isBlank()).forEach(ids::add);
    }
    if (replyTo != null && !replyTo.isBlank()) {
      ids.remove(replyTo);
      ids.add(replyTo);
    }
    return String.join(" ", ids.stream().map(id -> "<" + id + ">").toList());
  }

  private static String fileName(Attachment attachment) {
    if (attachment.name() != null && !attachment.name().isBlank()) {
      return attachment.name();
    }
    String path = attachment.url().replaceAll("[?#].*$", "");
    String last = path.substring(path.lastIndexOf('/') + 1);
    return last.isBlank() ? "attachment" : last;
  }

  private static String protocol(InboxSettings.MailServerSettings smtp) {
    return Boolean.TRUE.equals(smtp.tls()) ? "smtps" : "smtp";
  }

  private Properties properties(InboxSettings.MailServerSettings smtp, boolean auth) {
    boolean tls = Boolean.TRUE.equals(smtp.tls());
    String timeout = String.valueOf(config.requestTimeout().toMillis());
    Properties properties = new Properties();
    String protocol = protocol(smtp);
    properties.put("mail." + protocol + ".auth", String.valueOf(auth));
    properties.put("mail." + protocol + ".connectiontimeout", timeout);
    properties.put("mail." + protocol + ".timeout", timeout);
    properties.put("mail." + protocol + ".writetimeout", timeout);
    if (!tls) {
      // Upgrade to TLS where the server offers it; plain only where it does not.
      properties.put("mail.smtp.starttls.enable", "true");
    }
    properties.put("mail.mime.charset", StandardCharsets.UTF_8.name());
    return properties;
  }

  private static int port(InboxSettings.MailServerSettings smtp) {
    if (smtp.port() != null) {
      return smtp.port();
    }
    return Boolean.TRUE.equals(smtp.tls()) ? 465 : 587;
  }

  private static String domain(String address) {
    return address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String line = message.strip().split("\\R", 2)[0];
    return line.length() > 300 ? line.substring(0, 300) : line;
  }

  /** A message that keeps the Message-ID we chose instead of making one up on save. */
  private static final class IdentifiedMessage extends MimeMessage {

    private final String id;

    IdentifiedMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
