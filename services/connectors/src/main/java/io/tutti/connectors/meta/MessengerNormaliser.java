package io.tutti.connectors.meta;

import static io.tutti.connectors.inbound.Json.array;
import static io.tutti.connectors.inbound.Json.bool;
import static io.tutti.connectors.inbound.Json.epochMillis;
import static io.tutti.connectors.inbound.Json.number;
import static io.tutti.connectors.inbound.Json.object;
import static io.tutti.connectors.inbound.Json.objects;
import static io.tutti.connectors.inbound.Json.requiredText;
import static io.tutti.connectors.inbound.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.connectors.inbound.AccountRouter;
import io.tutti.connectors.inbound.InboundItem;
import io.tutti.connectors.inbound.Json;
import io.tutti.connectors.inbound.Text;
import io.tutti.connectors.inbound.Webhooks;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.Referral;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messenger Platform and Instagram Messaging webhooks ({@code entry[].messaging[]}) to Tutti items.
 *
 * <p>Handled: messages (text, attachments, story replies, replies to a message, ad referrals, quick
 * replies), postbacks, reactions, echoes of the page's own sends (reported as sent, never as a
 * customer message), delivery and read receipts. Stored but ignored: opt-ins, standalone referrals
 * (a thread opened without a message), deleted messages, standby and handover events, comment and
 * mention changes, and any kind Meta adds later.
 */
public final class MessengerNormaliser {

  private static final Set<String> ENVELOPE_FIELDS = Set.of("sender", "recipient", "timestamp");

  private MessengerNormaliser() {}

  /** The account ids (page or Instagram account) the delivery's entries are for. */
  public static List<String> accountIds(JsonNode root) {
    return objects(root, "entry", "body").stream()
        .map(entry -> text(entry, "id", "entry"))
        .filter(id -> id != null && !id.isEmpty())
        .distinct()
        .toList();
  }

  public static List<InboundItem> normalise(JsonNode root, String channel, AccountRouter router) {
    if (!root.isObject()) {
      throw Webhooks.malformed("The body must be a JSON object.");
    }
    String object = Json.requiredString(root, "object", "body");
    List<InboundItem> items = new ArrayList<>();
    List<JsonNode> entries = objects(root, "entry", "body");
    if (!root.has("entry")) {
      throw Webhooks.malformed("body.entry is required.");
    }
    if (!Set.of("page", "instagram").contains(object)) {
      items.add(new InboundItem.Ignored("object:" + object));
      return items;
    }
    for (int e = 0; e < entries.size(); e++) {
      JsonNode entry = entries.get(e);
      String path = "entry[" + e + "]";
      InboxContext inbox = router.inboxFor(text(entry, "id", path));
      Long entryTime = number(entry, "time", path);
      List<JsonNode> messaging = objects(entry, "messaging", path);
      for (int m = 0; m < messaging.size(); m++) {
        event(messaging.get(m), path + ".messaging[" + m + "]", channel, inbox, entryTime, items);
      }
      for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (field.equals("standby") || field.equals("changes") || field.equals("hop_context")) {
          items.add(new InboundItem.Ignored(field));
        }
      }
    }
    return items;
  }

  private static void event(
      JsonNode event,
      String path,
      String channel,
      InboxContext inbox,
      Long entryTime,
      List<InboundItem> out) {
    JsonNode sender = object(event, "sender", path);
    JsonNode recipient = object(event, "recipient", path);
    String senderId = sender == null ? null : text(sender, "id", path + ".sender");
    String recipientId = recipient == null ? null : text(recipient, "id", path + ".recipient");
    Long timestamp = number(event, "timestamp", path);
    Instant at = epochMillis(timestamp != null && timestamp > 0 ? timestamp : entryTime);

    JsonNode message = object(event, "message", path);
    if (message != null) {
      out.add(message(message, path + ".message", channel, inbox, senderId, recipientId, at));
      return;
    }
    JsonNode postback = object(event, "postback", path);
    if (postback != null) {
      out.add(postback(postback, path + ".postback", channel, inbox, senderId, at, timestamp));
      return;
    }
    JsonNode reaction = object(event, "reaction", path);
    if (reaction != null) {
      out.add(reaction(reaction, path + ".reaction", channel, inbox, senderId, at, timestamp));
      return;
    }
    JsonNode delivery = object(event, "delivery", path);
    if (delivery != null) {
      receipts(
          delivery,
          path + ".delivery",
          MessageStatusChanged.DELIVERED,
          channel,
          inbox,
          senderId,
          out);
      return;
    }
    JsonNode read = object(event, "read", path);
    if (read != null) {
      receipts(read, path + ".read", MessageStatusChanged.READ, channel, inbox, senderId, out);
      return;
    }
    for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!ENVELOPE_FIELDS.contains(field)) {
        out.add(new InboundItem.Ignored(field));
        return;
      }
    }
    out.add(new InboundItem.Ignored("empty"));
  }

  private static InboundItem message(
      JsonNode message,
      String path,
      String channel,
      InboxContext inbox,
      String senderId,
      String recipientId,
      Instant at) {
    String mid = requiredText(message, "mid", path);
    if (bool(message, "is_echo", path)) {
      // Our own send (or one from Meta's inbox) coming back: it went out, it is not the customer.
      return InboundItem.status(
          inbox,
          "echo:" + mid,
          new MessageStatusChanged(
              inbox.id().toString(),
              channel,
              null,
              mid,
              MessageStatusChanged.SENT,
              null,
              at,
              recipientId,
              null));
    }
    if (bool(message, "is_deleted", path)) {
      return new InboundItem.Ignored("message_deleted");
    }
    requireSender(senderId, path);
    String text = text(message, "text", path);
    List<Attachment> attachments = new ArrayList<>();
    List<JsonNode> given = objects(message, "attachments", path);
    for (int i = 0; i < given.size(); i++) {
      attachments.add(attachment(given.get(i), path + ".attachments[" + i + "]"));
    }
    String replyTo = null;
    JsonNode replyToNode = object(message, "reply_to", path);
    if (replyToNode != null) {
      replyTo = text(replyToNode, "mid", path + ".reply_to");
      JsonNode story = object(replyToNode, "story", path + ".reply_to");
      if (story != null) {
        attachments.add(
            new Attachment(
                "story_reply",
                text(story, "url", path + ".reply_to.story"),
                null,
                null,
                null,
                text(story, "id", path + ".reply_to.story")));
      }
    }
    String kind =
        object(message, "quick_reply", path) != null
            ? MessageReceived.KIND_POSTBACK
            : MessageReceived.KIND_MESSAGE;
    if (text == null && attachments.isEmpty()) {
      return new InboundItem.Ignored("message:empty");
    }
    return received(
        inbox,
        channel,
        mid,
        senderId,
        mid,
        text,
        attachments,
        replyTo,
        at,
        referral(object(message, "referral", path), path + ".referral"),
        kind);
  }

  private static InboundItem postback(
      JsonNode postback,
      String path,
      String channel,
      InboxContext inbox,
      String senderId,
      Instant at,
      Long timestamp) {
    requireSender(senderId, path);
    String mid = text(postback, "mid", path);
    String title = text(postback, "title", path);
    String payload = text(postback, "payload", path);
    String text = title != null ? title : payload;
    String key = "postback:" + (mid != null ? mid : senderId + ":" + timestamp + ":" + payload);
    return received(
        inbox,
        channel,
        key,
        senderId,
        mid,
        text,
        List.of(),
        null,
        at,
        referral(object(postback, "referral", path), path + ".referral"),
        MessageReceived.KIND_POSTBACK);
  }

  private static InboundItem reaction(
      JsonNode reaction,
      String path,
      String channel,
      InboxContext inbox,
      String senderId,
      Instant at,
      Long timestamp) {
    requireSender(senderId, path);
    String mid = requiredText(reaction, "mid", path);
    String action = text(reaction, "action", path);
    if ("unreact".equals(action)) {
      return new InboundItem.Ignored("reaction:unreact");
    }
    String emoji = text(reaction, "emoji", path);
    String name = text(reaction, "reaction", path);
    return received(
        inbox,
        channel,
        "reaction:" + mid + ":" + senderId + ":" + timestamp + ":" + name,
        senderId,
        null,
        emoji != null ? emoji : name,
        List.of(),
        mid,
        at,
        null,
        MessageReceived.KIND_REACTION);
  }

  /**
   * A delivery or read receipt: Messenger names the messages ({@code mids}, Instagram one {@code
   * mid}) or only a watermark meaning "everything sent to this customer up to then".
   */
  private static void receipts(
      JsonNode receipt,
      String path,
      String status,
      String channel,
      InboxContext inbox,
      String senderId,
      List<InboundItem> out) {
    List<String> mids = new ArrayList<>();
    String single = text(receipt, "mid", path);
    if (single != null) {
      mids.add(single);
    }
    List<JsonNode> many = array(receipt, "mids", path);
    for (int i = 0; i < many.size(); i++) {
      if (!many.get(i).isTextual()) {
        throw Webhooks.malformed(path + ".mids[" + i + "] must be a string.");
      }
      mids.add(Text.clean(many.get(i).textValue()));
    }
    Long watermark = number(receipt, "watermark", path);
    Instant upTo = watermark == null ? Instant.now() : Instant.ofEpochMilli(watermark);
    if (mids.isEmpty()) {
      if (watermark == null) {
        throw Webhooks.malformed(path + " names neither mids nor a watermark.");
      }
      out.add(
          InboundItem.status(
              inbox,
              status + ":" + senderId + ":" + watermark,
              new MessageStatusChanged(
                  inbox.id().toString(), channel, null, null, status, null, upTo, senderId, upTo)));
      return;
    }
    for (String mid : mids) {
      out.add(
          InboundItem.status(
              inbox,
              status + ":" + mid,
              new MessageStatusChanged(
                  inbox.id().toString(), channel, null, mid, status, null, upTo, senderId, null)));
    }
  }

  static Attachment attachment(JsonNode attachment, String path) {
    String type = text(attachment, "type", path);
    JsonNode payload = object(attachment, "payload", path);
    String url = payload == null ? null : text(payload, "url", path + ".payload");
    if (url == null) {
      url = text(attachment, "url", path);
    }
    String title = text(attachment, "title", path);
    String stickerId = payload == null ? null : text(payload, "sticker_id", path + ".payload");
    String kind = stickerId != null ? "sticker" : attachmentType(type);
    return new Attachment(kind, url, title, null, null, stickerId);
  }

  private static String attachmentType(String type) {
    if (type == null) {
      return "file";
    }
    return switch (type) {
      case "image", "video", "audio", "file", "story_mention", "location", "sticker" -> type;
      case "share", "ig_reel", "reel", "ig_post", "fallback", "template", "post" -> "share";
      default -> "file";
    };
  }

  static Referral referral(JsonNode referral, String path) {
    if (referral == null) {
      return null;
    }
    JsonNode context = object(referral, "ads_context_data", path);
    return new Referral(
        text(referral, "source", path),
        text(referral, "ad_id", path),
        null,
        text(referral, "ref", path),
        Map.of(),
        context == null ? null : text(context, "ad_title", path + ".ads_context_data"),
        text(referral, "referer_uri", path),
        null);
  }

  /** A customer's message: Meta names no customer in webhooks, so name and handle stay empty. */
  private static InboundItem received(
      InboxContext inbox,
      String channel,
      String key,
      String senderId,
      String mid,
      String text,
      List<Attachment> attachments,
      String replyTo,
      Instant at,
      Referral referral,
      String kind) {
    return InboundItem.message(
        inbox,
        key,
        new MessageReceived(
            inbox.id().toString(),
            channel,
            senderId,
            null,
            null,
            mid,
            text,
            attachments,
            replyTo,
            at,
            referral,
            kind,
            null,
            null,
            List.of()));
  }

  private static void requireSender(String senderId, String path) {
    if (senderId == null || senderId.isEmpty()) {
      throw Webhooks.malformed(path + " has no sender.id.");
    }
  }
}
