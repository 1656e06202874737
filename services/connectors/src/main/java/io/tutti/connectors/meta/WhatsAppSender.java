package io.tutti.connectors.meta;

import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbox.Channel;
import io.tutti.connectors.outbound.ChannelSender;
import io.tutti.connectors.outbound.Delivery;
import io.tutti.connectors.outbound.MessagingWindow;
import io.tutti.connectors.outbound.OutboundConfig;
import io.tutti.connectors.outbound.Part;
import io.tutti.connectors.outbound.PartPlanner;
import io.tutti.connectors.outbound.PlatformHttp;
import io.tutti.connectors.outbound.SendFailure;
import io.tutti.connectors.outbound.TextSplitter;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.OutboundRequested;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * WhatsApp replies through the Cloud API: {@code POST {graph}/{phone-number-id}/messages} with
 * {@code messaging_product: whatsapp}, {@code to} and a text, a media link or an approved template;
 * {@code context.message_id} quotes the customer's message. Free-form messages only within 24 hours
 * of the customer's last message (the customer service window); templates at any time.
 */
@ApplicationScoped
public class WhatsAppSender implements ChannelSender {

  static final int MAX_TEXT = 4096;
  static final int MAX_PARTS = 10;

  private final PlatformHttp http;
  private final OutboundConfig config;

  public WhatsAppSender(PlatformHttp http, OutboundConfig config) {
    this.http = http;
    this.config = config;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.WHATSAPP);
  }

  @Override
  public List<Part> plan(Delivery delivery) {
    OutboundRequested.Template template = delivery.command().template();
    if (template != null) {
      if (template.name() == null
          || template.name().isBlank()
          || template.language() == null
          || template.language().isBlank()) {
        throw SendFailure.permanent(
            "invalid-template", "A WhatsApp template needs its name and language code.");
      }
      return List.of(Part.text(0, null));
    }
    if (!MessagingWindow.open(delivery, MessagingWindow.STANDARD)) {
      throw SendFailure.permanent(
          "outside-window",
          "WhatsApp allows free-form replies only within 24 hours of the customer's last message ("
              + MessagingWindow.lastMessage(delivery)
              + "); use a template.");
    }
    return PartPlanner.textThenEachAttachment(
        delivery, MAX_TEXT, TextSplitter.Measure.CODE_POINTS, MAX_PARTS, "WhatsApp");
  }

  @Override
  public Uni<String> send(Delivery delivery, Part part) {
    JsonObject body =
        new JsonObject()
            .put("messaging_product", "whatsapp")
            .put("recipient_type", "individual")
            .put("to", delivery.recipient());
    OutboundRequested.Template template = delivery.command().template();
    if (template != null) {
      body.put("type", "template").put("template", template(template));
    } else if (part.text() != null) {
      body.put("type", "text")
          .put(
              "text",
              new JsonObject()
                  .put("preview_url", part.text().contains("://"))
                  .put("body", part.text()));
    } else {
      Attachment attachment = part.attachment();
      String type = mediaType(attachment.type());
      JsonObject media = new JsonObject().put("link", attachment.url());
      if ("document".equals(type) && attachment.name() != null) {
        media.put("filename", attachment.name());
      }
      body.put("type", type).put(type, media);
    }
    String replyTo = delivery.command().replyToPlatformMessageId();
    if (part.first() && replyTo != null && !replyTo.isBlank()) {
      body.put("context", new JsonObject().put("message_id", replyTo));
    }
    String url =
        MessengerSender.base(config.graphApiUrl())
            + "/"
            + delivery.inbox().settings().phoneNumberId()
            + "/messages";
    return http.postJson("WhatsApp", url, delivery.inbox().secrets().accessToken(), body)
        .map(
            answer -> {
              if (!answer.ok()) {
                throw MetaErrors.failure("WhatsApp", answer);
              }
              JsonArray messages =
                  answer.json() != null && answer.json().getValue("messages") instanceof JsonArray a
                      ? a
                      : null;
              String id =
                  messages != null
                          && !messages.isEmpty()
                          && messages.getValue(0) instanceof JsonObject first
                      ? first.getString("id")
                      : null;
              if (id == null) {
                throw SendFailure.transientFailure(
                    "no-message-id", "WhatsApp accepted the message but named no message id");
              }
              return id;
            });
  }

  private static JsonObject template(OutboundRequested.Template template) {
    JsonObject json =
        new JsonObject()
            .put("name", template.name())
            .put("language", new JsonObject().put("code", template.language()));
    if (template.parameters() != null && !template.parameters().isEmpty()) {
      JsonArray parameters = new JsonArray();
      template
          .parameters()
          .forEach(
              value -> parameters.add(new JsonObject().put("type", "text").put("text", value)));
      json.put(
          "components",
          new JsonArray().add(new JsonObject().put("type", "body").put("parameters", parameters)));
    }
    return json;
  }

  /** Cloud API media types: image, video, audio, document, sticker. */
  static String mediaType(String type) {
    return switch (type == null ? "" : type) {
      case "image" -> "image";
      case "video" -> "video";
      case "audio", "voice" -> "audio";
      case "sticker" -> "sticker";
      default -> "document";
    };
  }
}
