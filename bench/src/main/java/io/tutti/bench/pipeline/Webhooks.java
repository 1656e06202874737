package io.tutti.bench.pipeline;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhooks as each platform sends them (shapes of ../shared/fixtures/channels), signed the way each
 * signs: Meta's X-Hub-Signature-256, Twilio's X-Twilio-Signature, Telegram's secret token header,
 * the email route's bearer secret. Every message's text starts with its marker, which is how its
 * arrival on an agent's socket is recognised, and names its sender's team for the routing rules.
 */
final class Webhooks {

  /** One request to send. */
  record Request(String url, String contentType, Map<String, String> headers, byte[] body) {}

  private final List<BenchSetup.Inbox> inboxes;
  private final List<BenchSetup.Team> teams;
  private final long run;
  private final int senders;

  Webhooks(List<BenchSetup.Inbox> inboxes, List<BenchSetup.Team> teams, long run, int senders) {
    this.inboxes = inboxes;
    this.teams = teams;
    this.run = run;
    this.senders = senders;
  }

  /** The marker of message {@code seq}: unique across runs. */
  String marker(long seq) {
    return "bench-" + run + "-" + seq;
  }

  /**
   * Message {@code seq}: channels in turn, senders spread so that each writes several times over a
   * run (a conversation grows, as real ones do) and each stays on one channel and one team.
   */
  Request message(long seq) {
    BenchSetup.Inbox inbox = inboxes.get((int) (seq % inboxes.size()));
    long sender = (seq / inboxes.size()) % senders;
    BenchSetup.Team team = teams.get((int) (sender % teams.size()));
    String marker = marker(seq);
    String text = marker + " " + team.tag() + " Hello, where is my order " + (1000 + sender) + "?";
    long now = System.currentTimeMillis();
    // Platform ids stay unique across runs: the run's start in seconds leads.
    long unique = (run % 100_000) * 10_000_000L + seq;
    return switch (inbox.channel()) {
      case "instagram" ->
          meta(
              inbox,
              metaMessaging("instagram", BenchSetup.INSTAGRAM_ACCOUNT, sender, marker, text, now));
      case "messenger" ->
          meta(inbox, metaMessaging("page", BenchSetup.PAGE_ID, sender, marker, text, now));
      case "whatsapp" -> meta(inbox, whatsApp(sender, marker, text, now));
      case "sms" -> sms(inbox, sender, marker, text);
      case "telegram" -> telegram(inbox, sender, unique, text, now);
      case "email" -> email(inbox, sender, marker, text);
      default -> throw new IllegalStateException("no webhook for channel " + inbox.channel());
    };
  }

  private static String metaMessaging(
      String object, String account, long sender, String marker, String text, long now) {
    return "{\"object\":\""
        + object
        + "\",\"entry\":[{\"time\":"
        + now
        + ",\"id\":\""
        + account
        + "\",\"messaging\":[{\"sender\":{\"id\":\""
        + (7_000_000_000_000_000L + sender)
        + "\"},\"recipient\":{\"id\":\""
        + account
        + "\"},\"timestamp\":"
        + now
        + ",\"message\":{\"mid\":\"m_"
        + marker
        + "\",\"text\":\""
        + text
        + "\"}}]}]}";
  }

  private static String whatsApp(long sender, String marker, String text, long now) {
    String phone = "4915" + (100_000_000L + sender);
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"bench\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15555550199\",\"phone_number_id\":\""
        + BenchSetup.PHONE_NUMBER_ID
        + "\"},\"contacts\":[{\"profile\":{\"name\":\"Bench Customer "
        + sender
        + "\"},\"wa_id\":\""
        + phone
        + "\"}],\"messages\":[{\"from\":\""
        + phone
        + "\",\"id\":\"wamid."
        + marker
        + "\",\"timestamp\":\""
        + now / 1000
        + "\",\"type\":\"text\",\"text\":{\"body\":\""
        + text
        + "\"}}]}}]}]}";
  }

  private static Request meta(BenchSetup.Inbox inbox, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String signature =
        "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", BenchSetup.APP_SECRET, body));
    return new Request(
        inbox.webhookUrl(), "application/json", Map.of("X-Hub-Signature-256", signature), body);
  }

  private static Request sms(BenchSetup.Inbox inbox, long sender, String marker, String text) {
    Map<String, String> params = new TreeMap<>();
    params.put("MessageSid", "SM" + HexFormat.of().formatHex(sha(marker)).substring(0, 32));
    params.put("AccountSid", BenchSetup.TWILIO_ACCOUNT);
    params.put("From", "+1415" + (1_000_000 + sender % 9_000_000));
    params.put("To", BenchSetup.TWILIO_NUMBER);
    params.put("Body", text);
    params.put("NumMedia", "0");
    // Twilio signs the URL followed by every parameter, sorted by name.
    StringBuilder signed = new StringBuilder(inbox.webhookUrl());
    StringBuilder form = new StringBuilder();
    for (var param : params.entrySet()) {
      signed.append(param.getKey()).append(param.getValue());
      if (!form.isEmpty()) {
        form.append('&');
      }
      form.append(param.getKey())
          .append('=')
          .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
    }
    String signature =
        Base64.getEncoder()
            .encodeToString(
                hmac(
                    "HmacSHA1",
                    BenchSetup.TWILIO_TOKEN,
                    signed.toString().getBytes(StandardCharsets.UTF_8)));
    return new Request(
        inbox.webhookUrl(),
        "application/x-www-form-urlencoded",
        Map.of("X-Twilio-Signature", signature),
        form.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Request telegram(
      BenchSetup.Inbox inbox, long sender, long unique, String text, long now) {
    long chat = 500_000_000L + sender;
    String json =
        "{\"update_id\":"
            + unique
            + ",\"message\":{\"message_id\":"
            + unique
            + ",\"date\":"
            + now / 1000
            + ",\"chat\":{\"id\":"
            + chat
            + ",\"type\":\"private\",\"first_name\":\"Bench\"},\"from\":{\"id\":"
            + chat
            + ",\"is_bot\":false,\"first_name\":\"Bench\"},\"text\":\""
            + text
            + "\"}}";
    return new Request(
        inbox.webhookUrl(),
        "application/json",
        Map.of("X-Telegram-Bot-Api-Secret-Token", BenchSetup.TELEGRAM_SECRET),
        json.getBytes(StandardCharsets.UTF_8));
  }

  private static Request email(BenchSetup.Inbox inbox, long sender, String marker, String text) {
    String mail =
        "From: Bench Customer "
            + sender
            + " <customer-"
            + sender
            + "@bench-customers.example>\r\n"
            + "To: support@bench.example\r\n"
            + "Subject: "
            + text
            + "\r\n"
            + "Message-ID: <"
            + marker
            + "@bench-customers.example>\r\n"
            + "Date: "
            + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))
            + "\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "\r\n"
            + text
            + "\r\n";
    return new Request(
        inbox.webhookUrl(),
        "message/rfc822",
        Map.of("Authorization", "Bearer " + BenchSetup.EMAIL_SECRET),
        mail.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(String algorithm, String key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
