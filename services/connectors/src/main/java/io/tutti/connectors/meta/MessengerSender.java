package io.tutti.connectors.meta;

import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbox.Channel;
import io.tutti.connectors.inbox.InboxSettings;
import io.tutti.connectors.outbound.ChannelSender;
import io.tutti.connectors.outbound.Delivery;
import io.tutti.connectors.outbound.MessagingWindow;
import io.tutti.connectors.outbound.OutboundConfig;
import io.tutti.connectors.outbound.Part;
import io.tutti.connectors.outbound.PartPlanner;
import io.tutti.connectors.outbound.PlatformHttp;
import io.tutti.connectors.outbound.SendFailure;
import io.tutti.connectors.outbound.TextSplitter;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Messenger and Instagram replies through Meta's Send API: {@code POST {graph}/{page-id}/messages}
 * with {@code recipient.id}, {@code messaging_type} and a text or one attachment per message, the
 * Page token as bearer. Instagram inboxes connected without a Page use the Instagram API with
 * Instagram Login ({@code POST {instagram}/{ig-user-id}/messages}), same body.
 */
@ApplicationScoped
public class MessengerSender implements ChannelSender {

  /** Messenger's limit on message text, in characters. */
  static final int MESSENGER_MAX_TEXT = 2000;

  /** Instagram's limit on message text, in UTF-8 bytes. */
  static final int INSTAGRAM_MAX_TEXT = 1000;

  static final int MAX_PARTS = 10;

  private final PlatformHttp http;
  private final OutboundConfig config;

  public MessengerSender(PlatformHttp http, OutboundConfig config) {
    this.http = http;
    this.config = config;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.MESSENGER, Channel.INSTAGRAM);
  }

  @Override
  public List<Part> plan(Delivery delivery) {
    String platform = platform(delivery);
    PartPlanner.refuseTemplate(delivery, platform);
    messagingType(delivery);
    boolean instagram = delivery.inbox().channel() == Channel.INSTAGRAM;
    return PartPlanner.textThenEachAttachment(
        delivery,
        instagram ? INSTAGRAM_MAX_TEXT : MESSENGER_MAX_TEXT,
        instagram ? TextSplitter.Measure.UTF8_BYTES : TextSplitter.Measure.CODE_POINTS,
        MAX_PARTS,
        platform);
  }

  @Override
  public Uni<String> send(Delivery delivery, Part part) {
    JsonObject message =
        part.text() != null
            ? new JsonObject().put("text", part.text())
            : new JsonObject()
                .put(
                    "attachment",
                    new JsonObject()
                        .put("type", attachmentType(part.attachment().type()))
                        .put(
                            "payload",
                            new JsonObject()
                                .put("url", part.attachment().url())
                                .put("is_reusable", true)));
    JsonObject body =
        new JsonObject()
            .put("recipient", new JsonObject().put("id", delivery.recipient()))
            .put("messaging_type", messagingType(delivery))
            .put("message", message);
    if ("MESSAGE_TAG".equals(body.getString("messaging_type"))) {
      body.put("tag", "HUMAN_AGENT");
    }
    String platform = platform(delivery);
    return http.postJson(platform, url(delivery), delivery.inbox().secrets().accessToken(), body)
        .map(
            answer -> {
              if (!answer.ok()) {
                throw MetaErrors.failure(platform, answer);
              }
              String id = answer.json() == null ? null : answer.json().getString("message_id");
              if (id == null) {
                throw SendFailure.transientFailure(
                    "no-message-id", platform + " accepted the message but named no message_id");
              }
              return id;
            });
  }

  /**
   * RESPONSE within 24 hours of the customer's last message; the HUMAN_AGENT tag within 7 days
   * where the inbox's app has that permission; otherwise the platform would refuse, so we do first.
   */
  private static String messagingType(Delivery delivery) {
    if (MessagingWindow.open(delivery, MessagingWindow.STANDARD)) {
      return "RESPONSE";
    }
    boolean humanAgent = Boolean.TRUE.equals(delivery.inbox().settings().humanAgent());
    if (humanAgent && MessagingWindow.open(delivery, MessagingWindow.HUMAN_AGENT)) {
      return "MESSAGE_TAG";
    }
    String platform = platform(delivery);
    throw SendFailure.permanent(
        "outside-window",
        platform
            + " allows replies only within 24 hours of the customer's last message ("
            + MessagingWindow.lastMessage(delivery)
            + ")"
            + (humanAgent
                ? ", or 7 days with the Human Agent tag."
                : "; with Meta's Human Agent permission, turn on humanAgent in the inbox settings"
                    + " to answer within 7 days.")
            + " The customer must write again before you can reply here.");
  }

  private String url(Delivery delivery) {
    InboxSettings settings = delivery.inbox().settings();
    if (delivery.inbox().channel() == Channel.INSTAGRAM && settings.pageId() == null) {
      return base(config.instagramApiUrl()) + "/" + settings.instagramAccountId() + "/messages";
    }
    return base(config.graphApiUrl()) + "/" + settings.pageId() + "/messages";
  }

  /** Send API attachment types: image, audio, video, file. */
  static String attachmentType(String type) {
    return switch (type == null ? "" : type) {
      case "image", "sticker" -> "image";
      case "audio", "voice" -> "audio";
      case "video" -> "video";
      default -> "file";
    };
  }

  private static String platform(Delivery delivery) {
    return delivery.inbox().channel() == Channel.INSTAGRAM ? "Instagram" : "Messenger";
  }

  static String base(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
