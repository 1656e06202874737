package io.tutti.connectors.telegram;

import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbox.Channel;
import io.tutti.connectors.outbound.ChannelSender;
import io.tutti.connectors.outbound.Delivery;
import io.tutti.connectors.outbound.OutboundConfig;
import io.tutti.connectors.outbound.Part;
import io.tutti.connectors.outbound.PartPlanner;
import io.tutti.connectors.outbound.PlatformHttp;
import io.tutti.connectors.outbound.SendFailure;
import io.tutti.connectors.outbound.TextSplitter;
import io.tutti.events.type.Attachment;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Telegram replies through the Bot API: {@code POST {telegram}/bot<token>/sendMessage} (and
 * sendPhoto, sendVideo, sendAudio, sendDocument for attachments, by URL), with {@code
 * reply_parameters.message_id} quoting the customer's message. Texts over 4,096 characters are
 * split where a reader would expect a new message.
 */
@ApplicationScoped
public class TelegramSender implements ChannelSender {

  static final int MAX_TEXT = 4096;
  static final int MAX_PARTS = 10;

  private final PlatformHttp http;
  private final OutboundConfig config;

  public TelegramSender(PlatformHttp http, OutboundConfig config) {
    this.http = http;
    this.config = config;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.TELEGRAM);
  }

  @Override
  public List<Part> plan(Delivery delivery) {
    PartPlanner.refuseTemplate(delivery, "Telegram");
    return PartPlanner.textThenEachAttachment(
        delivery, MAX_TEXT, TextSplitter.Measure.UTF16_UNITS, MAX_PARTS, "Telegram");
  }

  @Override
  public Uni<String> send(Delivery delivery, Part part) {
    JsonObject body = new JsonObject().put("chat_id", chatId(delivery.recipient()));
    String method;
    if (part.text() != null) {
      method = "sendMessage";
      body.put("text", part.text());
    } else {
      Attachment attachment = part.attachment();
      method =
          switch (attachment.type() == null ? "" : attachment.type()) {
            case "image" -> "sendPhoto";
            case "video" -> "sendVideo";
            case "audio", "voice" -> "sendAudio";
            default -> "sendDocument";
          };
      String field =
          switch (method) {
            case "sendPhoto" -> "photo";
            case "sendVideo" -> "video";
            case "sendAudio" -> "audio";
            default -> "document";
          };
      body.put(field, attachment.url());
    }
    Long replyTo = messageId(delivery.command().replyToPlatformMessageId());
    if (part.first() && replyTo != null) {
      body.put(
          "reply_parameters",
          new JsonObject().put("message_id", replyTo).put("allow_sending_without_reply", true));
    }
    String url = base(config.telegramApiUrl()) + "/bot" + delivery.inbox().secrets().botToken();
    return http.postJson("Telegram", url + "/" + method, null, body)
        .map(
            answer -> {
              JsonObject json = answer.json();
              if (!answer.ok() || json == null || !Boolean.TRUE.equals(json.getValue("ok"))) {
                throw failure(answer);
              }
              JsonObject result =
                  json.getValue("result") instanceof JsonObject r ? r : new JsonObject();
              Object id = result.getValue("message_id");
              Object chat =
                  result.getValue("chat") instanceof JsonObject c ? c.getValue("id") : null;
              if (id == null) {
                throw SendFailure.transientFailure(
                    "no-message-id", "Telegram accepted the message but named no message_id");
              }
              // The same form as inbound message ids: they are unique only within a chat.
              return (chat != null ? chat : delivery.recipient()) + ":" + id;
            });
  }

  /**
   * Telegram's error body: {@code {"ok": false, "error_code": 403, "description": "Forbidden: bot
   * was blocked by the user", "parameters": {"retry_after": 5}}}. A wrong token answers 401 or 404
   * (the bot path does not exist).
   */
  static SendFailure failure(PlatformHttp.Answer answer) {
    JsonObject json = answer.json();
    int code =
        json != null && json.getValue("error_code") instanceof Number n
            ? n.intValue()
            : answer.status();
    String description =
        json != null && json.getValue("description") instanceof String d
            ? d
            : "Telegram answered HTTP " + answer.status();
    Duration retryAfter = answer.retryAfter();
    if (json != null
        && json.getValue("parameters") instanceof JsonObject parameters
        && parameters.getValue("retry_after") instanceof Number seconds) {
      retryAfter = Duration.ofSeconds(seconds.longValue());
    }
    if (code == 429 || code >= 500) {
      return SendFailure.retryAfter(String.valueOf(code), description, retryAfter);
    }
    if (code == 401 || code == 404) {
      return SendFailure.credentials(
          String.valueOf(code), description + " (Telegram refused the bot token)");
    }
    return SendFailure.permanent(String.valueOf(code), description);
  }

  private static Object chatId(String recipient) {
    try {
      return Long.parseLong(recipient);
    } catch (NumberFormatException e) {
      return recipient;
    }
  }

  /** The message id within the chat of a {@code <chat id>:<message id>} platform id. */
  private static Long messageId(String platformMessageId) {
    if (platformMessageId == null) {
      return null;
    }
    String id = platformMessageId.substring(platformMessageId.lastIndexOf(':') + 1);
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String base(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
