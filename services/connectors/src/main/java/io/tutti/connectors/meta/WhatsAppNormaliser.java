package io.tutti.connectors.meta;

import static io.tutti.connectors.inbound.Json.epochSeconds;
import static io.tutti.connectors.inbound.Json.number;
import static io.tutti.connectors.inbound.Json.object;
import static io.tutti.connectors.inbound.Json.objects;
import static io.tutti.connectors.inbound.Json.requiredText;
import static io.tutti.connectors.inbound.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.connectors.inbound.AccountRouter;
import io.tutti.connectors.inbound.InboundItem;
import io.tutti.connectors.inbound.Json;
import io.tutti.connectors.inbound.PageAttribution;
import io.tutti.connectors.inbound.Webhooks;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.Referral;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WhatsApp Cloud API webhooks ({@code entry[].changes[].value}) to Tutti items.
 *
 * <p>Handled: messages of type text, image, video, audio, voice, document, sticker, location,
 * contacts, interactive (button and list replies), button (template quick replies), reaction;
 * click-to-WhatsApp ad referrals; reply context; statuses sent, delivered, read and failed with the
 * platform's error. Stored but ignored: other change fields (account, template and phone-number
 * updates), statuses such as deleted or warning, system messages, unsupported messages, removed
 * reactions and system-level errors.
 */
public final class WhatsAppNormaliser {

  private static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker");
  private static final Set<String> STATUSES =
      Set.of(
          MessageStatusChanged.SENT,
          MessageStatusChanged.DELIVERED,
          MessageStatusChanged.READ,
          MessageStatusChanged.FAILED);

  private WhatsAppNormaliser() {}

  /** The phone number ids the delivery's changes are for. */
  public static List<String> accountIds(JsonNode root) {
    List<String> ids = new ArrayList<>();
    for (JsonNode entry : objects(root, "entry", "body")) {
      for (JsonNode change : objects(entry, "changes", "entry")) {
        JsonNode value = object(change, "value", "change");
        JsonNode metadata = value == null ? null : object(value, "metadata", "value");
        String id = metadata == null ? null : text(metadata, "phone_number_id", "metadata");
        if (id != null && !ids.contains(id)) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  public static List<InboundItem> normalise(JsonNode root, AccountRouter router) {
    if (!root.isObject()) {
      throw Webhooks.malformed("The body must be a JSON object.");
    }
    String object = Json.requiredString(root, "object", "body");
    if (!root.has("entry")) {
      throw Webhooks.malformed("body.entry is required.");
    }
    List<JsonNode> entries = objects(root, "entry", "body");
    List<InboundItem> items = new ArrayList<>();
    if (!"whatsapp_business_account".equals(object)) {
      items.add(new InboundItem.Ignored("object:" + object));
      return items;
    }
    for (int e = 0; e < entries.size(); e++) {
      List<JsonNode> changes = objects(entries.get(e), "changes", "entry[" + e + "]");
      for (int c = 0; c < changes.size(); c++) {
        change(changes.get(c), "entry[" + e + "].changes[" + c + "]", router, items);
      }
    }
    return items;
  }

  private static void change(
      JsonNode change, String path, AccountRouter router, List<InboundItem> out) {
    String field = text(change, "field", path);
    JsonNode value = object(change, "value", path);
    if (!"messages".equals(field) || value == null) {
      out.add(new InboundItem.Ignored("field:" + field));
      return;
    }
    String valuePath = path + ".value";
    JsonNode metadata = object(value, "metadata", valuePath);
    String phoneNumberId =
        metadata == null ? null : text(metadata, "phone_number_id", valuePath + ".metadata");
    InboxContext inbox = router.inboxFor(phoneNumberId);

    Map<String, String> names = new HashMap<>();
    List<JsonNode> contacts = objects(value, "contacts", valuePath);
    for (int i = 0; i < contacts.size(); i++) {
      String contactPath = valuePath + ".contacts[" + i + "]";
      JsonNode profile = object(contacts.get(i), "profile", contactPath);
      String waId = text(contacts.get(i), "wa_id", contactPath);
      String name = profile == null ? null : text(profile, "name", contactPath + ".profile");
      if (waId != null && name != null) {
        names.put(waId, name);
      }
    }
    List<JsonNode> messages = objects(value, "messages", valuePath);
    for (int i = 0; i < messages.size(); i++) {
      out.add(message(messages.get(i), valuePath + ".messages[" + i + "]", inbox, names));
    }
    List<JsonNode> statuses = objects(value, "statuses", valuePath);
    for (int i = 0; i < statuses.size(); i++) {
      out.add(status(statuses.get(i), valuePath + ".statuses[" + i + "]", inbox));
    }
    if (value.has("errors")) {
      out.add(new InboundItem.Ignored("errors"));
    }
  }

  private static InboundItem message(
      JsonNode message, String path, InboxContext inbox, Map<String, String> names) {
    String from = requiredText(message, "from", path);
    String id = requiredText(message, "id", path);
    String type = requiredText(message, "type", path);
    var sentAt = epochSeconds(number(message, "timestamp", path));
    JsonNode context = object(message, "context", path);
    String replyTo = context == null ? null : text(context, "id", path + ".context");

    String text = null;
    String kind = MessageReceived.KIND_MESSAGE;
    List<Attachment> attachments = new ArrayList<>();
    if (type.equals("text")) {
      JsonNode body = object(message, "text", path);
      text = body == null ? null : text(body, "body", path + ".text");
    } else if (MEDIA.contains(type) || type.equals("voice")) {
      JsonNode media = object(message, type, path);
      if (media == null) {
        throw Webhooks.malformed(path + "." + type + " is required for a " + type + " message.");
      }
      String mediaPath = path + "." + type;
      attachments.add(
          new Attachment(
              switch (type) {
                case "document" -> "file";
                case "voice" -> "audio";
                default -> type;
              },
              null,
              text(media, "filename", mediaPath),
              null,
              text(media, "mime_type", mediaPath),
              text(media, "id", mediaPath)));
      text = text(media, "caption", mediaPath);
    } else if (type.equals("interactive")) {
      JsonNode interactive = object(message, "interactive", path);
      JsonNode reply =
          interactive == null
              ? null
              : firstObject(interactive, path + ".interactive", "button_reply", "list_reply");
      if (reply == null) {
        return new InboundItem.Ignored("interactive");
      }
      text = text(reply, "title", path + ".interactive");
      kind = MessageReceived.KIND_POSTBACK;
    } else if (type.equals("button")) {
      JsonNode button = object(message, "button", path);
      text = button == null ? null : text(button, "text", path + ".button");
      kind = MessageReceived.KIND_POSTBACK;
    } else if (type.equals("reaction")) {
      JsonNode reaction = object(message, "reaction", path);
      String emoji = reaction == null ? null : text(reaction, "emoji", path + ".reaction");
      if (emoji == null || emoji.isEmpty()) {
        return new InboundItem.Ignored("reaction:removed");
      }
      text = emoji;
      replyTo = text(reaction, "message_id", path + ".reaction");
      kind = MessageReceived.KIND_REACTION;
    } else if (type.equals("location")) {
      JsonNode location = object(message, "location", path);
      if (location == null) {
        throw Webhooks.malformed(path + ".location is required for a location message.");
      }
      String latitude = coordinate(location, "latitude", path + ".location");
      String longitude = coordinate(location, "longitude", path + ".location");
      String name = text(location, "name", path + ".location");
      String address = text(location, "address", path + ".location");
      text = String.join(", ", nonNull(name, address));
      attachments.add(
          new Attachment(
              "location",
              "https://maps.google.com/?q=" + latitude + "," + longitude,
              name,
              null,
              null,
              null));
    } else if (type.equals("contacts")) {
      List<String> shared = new ArrayList<>();
      for (JsonNode contact : objects(message, "contacts", path)) {
        JsonNode name = object(contact, "name", path + ".contacts");
        String formatted = name == null ? null : text(name, "formatted_name", path + ".contacts");
        List<String> phones = new ArrayList<>();
        for (JsonNode phone : objects(contact, "phones", path + ".contacts")) {
          String number = text(phone, "phone", path + ".contacts.phones");
          if (number != null) {
            phones.add(number);
          }
        }
        shared.add(String.join(" ", nonNull(formatted, String.join(", ", phones))));
      }
      text = "Shared contact: " + String.join("; ", shared);
    } else {
      // system, unsupported, order, request_welcome and types WhatsApp adds later.
      return new InboundItem.Ignored("message:" + type);
    }

    return InboundItem.message(
        inbox,
        id,
        new MessageReceived(
            inbox.id().toString(),
            "whatsapp",
            from,
            names.get(from),
            "+" + from,
            id,
            text,
            attachments,
            replyTo,
            sentAt,
            referral(object(message, "referral", path), path + ".referral"),
            kind,
            null,
            null,
            List.of()));
  }

  private static InboundItem status(JsonNode status, String path, InboxContext inbox) {
    String id = requiredText(status, "id", path);
    String state = requiredText(status, "status", path);
    if (!STATUSES.contains(state)) {
      return new InboundItem.Ignored("status:" + state);
    }
    MessageStatusChanged.Error error = null;
    List<JsonNode> errors = objects(status, "errors", path);
    if (!errors.isEmpty()) {
      JsonNode first = errors.getFirst();
      JsonNode data = object(first, "error_data", path + ".errors[0]");
      String details = data == null ? null : text(data, "details", path + ".errors[0].error_data");
      String message = text(first, "message", path + ".errors[0]");
      if (message == null) {
        message = text(first, "title", path + ".errors[0]");
      }
      if (details != null && !details.equals(message)) {
        message = message == null ? details : message + ": " + details;
      }
      error = new MessageStatusChanged.Error(text(first, "code", path + ".errors[0]"), message);
    }
    return InboundItem.status(
        inbox,
        "status:" + id + ":" + state,
        new MessageStatusChanged(
            inbox.id().toString(),
            "whatsapp",
            null,
            id,
            state,
            error,
            epochSeconds(number(status, "timestamp", path)),
            text(status, "recipient_id", path),
            null));
  }

  /** A click-to-WhatsApp ad or post: where the customer tapped "Send message". */
  private static Referral referral(JsonNode referral, String path) {
    if (referral == null) {
      return null;
    }
    String sourceType = text(referral, "source_type", path);
    String sourceUrl = text(referral, "source_url", path);
    return new Referral(
        sourceType,
        "ad".equals(sourceType) ? text(referral, "source_id", path) : null,
        null,
        null,
        sourceUrl == null ? Map.of() : PageAttribution.utm(sourceUrl),
        text(referral, "headline", path),
        sourceUrl,
        text(referral, "ctwa_clid", path));
  }

  private static JsonNode firstObject(JsonNode parent, String path, String... fields) {
    for (String field : fields) {
      JsonNode node = object(parent, field, path);
      if (node != null) {
        return node;
      }
    }
    return null;
  }

  private static String coordinate(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isNumber()) {
      throw Webhooks.malformed(path + "." + field + " must be a number.");
    }
    return node.asText();
  }

  private static List<String> nonNull(String... values) {
    List<String> present = new ArrayList<>();
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        present.add(value);
      }
    }
    return present;
  }
}
