package io.tutti.connectors.twilio;

import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbox.Channel;
import io.tutti.connectors.inbox.InboxSettings;
import io.tutti.connectors.outbound.ChannelSender;
import io.tutti.connectors.outbound.Delivery;
import io.tutti.connectors.outbound.OutboundConfig;
import io.tutti.connectors.outbound.Part;
import io.tutti.connectors.outbound.PartPlanner;
import io.tutti.connectors.outbound.PlatformHttp;
import io.tutti.connectors.outbound.SendFailure;
import io.tutti.events.type.Attachment;
import io.vertx.mutiny.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * SMS and MMS replies through Twilio's Messages API: {@code POST
 * {twilio}/2010-04-01/Accounts/{AccountSid}/Messages.json}, form fields To, From, Body, MediaUrl
 * and StatusCallback (the inbox's own webhook, where delivery receipts arrive), HTTP basic auth
 * with the Account SID and auth token. Twilio splits a long text into segments itself, up to 1,600
 * characters; a longer reply is refused rather than sent as messages that may arrive out of order.
 */
@ApplicationScoped
public class TwilioSender implements ChannelSender {

  static final int MAX_BODY = 1600;
  static final int MAX_MEDIA = 10;

  /** Twilio errors that mean the inbox's account or number is not usable as configured. */
  private static final Set<Integer> ACCOUNT_ERRORS = Set.of(20003, 20404, 21212, 21606, 21659);

  private final PlatformHttp http;
  private final OutboundConfig config;

  public TwilioSender(PlatformHttp http, OutboundConfig config) {
    this.http = http;
    this.config = config;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.SMS);
  }

  @Override
  public List<Part> plan(Delivery delivery) {
    PartPlanner.refuseTemplate(delivery, "SMS");
    String text = delivery.text().strip();
    int length = text.codePointCount(0, text.length());
    if (length > MAX_BODY) {
      throw SendFailure.permanent(
          "too-long",
          "An SMS can be at most "
              + MAX_BODY
              + " characters; this one is "
              + length
              + " ("
              + SmsSegments.count(text)
              + " segments). Shorten it.");
    }
    List<Attachment> media = PartPlanner.fetchableAttachments(delivery, "Twilio");
    if (media.size() > MAX_MEDIA) {
      throw SendFailure.permanent(
          "too-many-attachments", "An MMS can carry at most " + MAX_MEDIA + " attachments.");
    }
    if (text.isEmpty() && media.isEmpty()) {
      PartPlanner.notEmpty(List.of());
    }
    return List.of(new Part(0, text, media));
  }

  @Override
  public Uni<String> send(Delivery delivery, Part part) {
    InboxSettings settings = delivery.inbox().settings();
    MultiMap form =
        MultiMap.caseInsensitiveMultiMap()
            .add("To", delivery.recipient())
            .add("From", settings.phoneNumber());
    if (!part.text().isEmpty()) {
      form.add("Body", part.text());
    }
    part.attachments().forEach(attachment -> form.add("MediaUrl", attachment.url()));
    if (delivery.inbox().webhookUrl() != null) {
      form.add("StatusCallback", delivery.inbox().webhookUrl());
    }
    String url =
        base(config.twilioApiUrl())
            + "/2010-04-01/Accounts/"
            + settings.accountSid()
            + "/Messages.json";
    return http.postForm(
            "Twilio", url, settings.accountSid(), delivery.inbox().secrets().authToken(), form)
        .map(
            answer -> {
              if (!answer.ok()) {
                throw failure(answer);
              }
              String sid = answer.json() == null ? null : answer.json().getString("sid");
              if (sid == null) {
                throw SendFailure.transientFailure(
                    "no-sid", "Twilio accepted the message but named no sid");
              }
              return sid;
            });
  }

  /** Twilio's error body: {@code {"code": 21211, "message": "...", "more_info", "status"}}. */
  static SendFailure failure(PlatformHttp.Answer answer) {
    int status = answer.status();
    Integer code =
        answer.json() != null && answer.json().getValue("code") instanceof Number n
            ? n.intValue()
            : null;
    String message =
        answer.json() != null && answer.json().getValue("message") instanceof String m
            ? m
            : "Twilio answered HTTP " + status;
    String codeText = code != null ? String.valueOf(code) : String.valueOf(status);
    if (status == 429 || (code != null && code == 20429) || status >= 500) {
      return SendFailure.retryAfter(codeText, message, answer.retryAfter());
    }
    if (status == 401 || (code != null && ACCOUNT_ERRORS.contains(code))) {
      return SendFailure.credentials(codeText, message);
    }
    return SendFailure.permanent(codeText, message);
  }

  private static String base(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
