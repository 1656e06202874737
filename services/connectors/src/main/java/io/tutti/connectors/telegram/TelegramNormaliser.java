package io.tutti.connectors.telegram;

import static io.tutti.connectors.inbound.Json.epochSeconds;
import static io.tutti.connectors.inbound.Json.number;
import static io.tutti.connectors.inbound.Json.object;
import static io.tutti.connectors.inbound.Json.objects;
import static io.tutti.connectors.inbound.Json.requiredText;
import static io.tutti.connectors.inbound.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.connectors.inbound.InboundItem;
import io.tutti.connectors.inbound.Webhooks;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageReceived;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Telegram Bot API updates to Tutti items.
 *
 * <p>Handled: {@code message} and {@code edited_message} with text, caption, photo (the largest
 * size), document, video, animation, audio, voice, video note, sticker, location and contact, and
 * replies; {@code callback_query} (an inline button pressed; its data becomes the text). Stored but
 * ignored: channel posts, inline queries, polls, chat member changes, join requests, service
 * messages without content, and any update kind Telegram adds later.
 *
 * <p>Message ids are unique only within a chat, so the platform message id is {@code <chat
 * id>:<message id>}.
 */
public final class TelegramNormaliser {

  private TelegramNormaliser() {}

  public static InboundItem normalise(JsonNode update, InboxContext inbox) {
    if (!update.isObject()) {
      throw Webhooks.malformed("The body must be a JSON object.");
    }
    Long updateId = number(update, "update_id", "update");
    if (updateId == null) {
      throw Webhooks.malformed("update.update_id is required.");
    }
    JsonNode message = object(update, "message", "update");
    if (message != null) {
      return message(message, "update.message", inbox, false);
    }
    JsonNode edited = object(update, "edited_message", "update");
    if (edited != null) {
      return message(edited, "update.edited_message", inbox, true);
    }
    JsonNode callback = object(update, "callback_query", "update");
    if (callback != null) {
      return callback(callback, "update.callback_query", inbox);
    }
    for (Iterator<String> it = update.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.equals("update_id")) {
        return new InboundItem.Ignored(field);
      }
    }
    return new InboundItem.Ignored("empty");
  }

  private static InboundItem message(
      JsonNode message, String path, InboxContext inbox, boolean edited) {
    String messageId = requiredText(message, "message_id", path);
    JsonNode chat = object(message, "chat", path);
    if (chat == null) {
      throw Webhooks.malformed(path + ".chat is required.");
    }
    String chatId = requiredText(chat, "id", path + ".chat");
    JsonNode from = object(message, "from", path);
    Instant sentAt = epochSeconds(number(message, "date", path));

    String text = text(message, "text", path);
    if (text == null) {
      text = text(message, "caption", path);
    }
    List<Attachment> attachments = attachments(message, path);
    if (text == null && attachments.isEmpty()) {
      return new InboundItem.Ignored("message:service");
    }
    JsonNode replyTo = object(message, "reply_to_message", path);
    String replyToId =
        replyTo == null
            ? null
            : chatId + ":" + requiredText(replyTo, "message_id", path + ".reply_to_message");
    String platformMessageId = chatId + ":" + messageId;
    String key =
        edited
            ? "edit:" + platformMessageId + ":" + number(message, "edit_date", path)
            : platformMessageId;
    return InboundItem.message(
        inbox,
        key,
        new MessageReceived(
            inbox.id().toString(),
            "telegram",
            chatId,
            name(from != null ? from : chat, path),
            handle(from != null ? from : chat, path),
            platformMessageId,
            text,
            attachments,
            replyToId,
            sentAt,
            null,
            edited ? MessageReceived.KIND_EDIT : MessageReceived.KIND_MESSAGE,
            null,
            null,
            List.of()));
  }

  private static InboundItem callback(JsonNode callback, String path, InboxContext inbox) {
    String id = requiredText(callback, "id", path);
    JsonNode from = object(callback, "from", path);
    if (from == null) {
      throw Webhooks.malformed(path + ".from is required.");
    }
    JsonNode message = object(callback, "message", path);
    JsonNode chat = message == null ? null : object(message, "chat", path + ".message");
    String chatId =
        chat != null
            ? requiredText(chat, "id", path + ".message.chat")
            : requiredText(from, "id", path + ".from");
    String data = text(callback, "data", path);
    if (data == null) {
      return new InboundItem.Ignored("callback_query:game");
    }
    String replyTo =
        message == null ? null : chatId + ":" + text(message, "message_id", path + ".message");
    return InboundItem.message(
        inbox,
        "callback:" + id,
        new MessageReceived(
            inbox.id().toString(),
            "telegram",
            chatId,
            name(from, path + ".from"),
            handle(from, path + ".from"),
            null,
            data,
            List.of(),
            replyTo,
            Instant.now(),
            null,
            MessageReceived.KIND_POSTBACK,
            null,
            null,
            List.of()));
  }

  private static List<Attachment> attachments(JsonNode message, String path) {
    List<Attachment> attachments = new ArrayList<>();
    List<JsonNode> photos = objects(message, "photo", path);
    if (!photos.isEmpty()) {
      // Telegram sends every size of the one photo; keep the largest.
      JsonNode largest = photos.getFirst();
      for (JsonNode photo : photos) {
        if (area(photo, path) >= area(largest, path)) {
          largest = photo;
        }
      }
      attachments.add(file("image", largest, path + ".photo", "image/jpeg"));
    }
    addFile(attachments, message, path, "document", "file");
    addFile(attachments, message, path, "video", "video");
    addFile(attachments, message, path, "animation", "video");
    addFile(attachments, message, path, "video_note", "video");
    addFile(attachments, message, path, "audio", "audio");
    addFile(attachments, message, path, "voice", "audio");
    addFile(attachments, message, path, "sticker", "sticker");
    JsonNode location = object(message, "location", path);
    if (location != null) {
      JsonNode latitude = location.get("latitude");
      JsonNode longitude = location.get("longitude");
      if (latitude == null || !latitude.isNumber() || longitude == null || !longitude.isNumber()) {
        throw Webhooks.malformed(path + ".location needs numeric latitude and longitude.");
      }
      attachments.add(
          new Attachment(
              "location",
              "https://maps.google.com/?q=" + latitude.asText() + "," + longitude.asText(),
              null,
              null,
              null));
    }
    JsonNode contact = object(message, "contact", path);
    if (contact != null) {
      attachments.add(
          new Attachment(
              "contact",
              null,
              String.join(
                  " ",
                  List.of(
                          String.valueOf(text(contact, "first_name", path + ".contact")),
                          String.valueOf(text(contact, "phone_number", path + ".contact")))
                      .stream()
                      .filter(part -> !"null".equals(part))
                      .toList()),
              null,
              null));
    }
    return attachments;
  }

  private static void addFile(
      List<Attachment> attachments, JsonNode message, String path, String field, String type) {
    JsonNode file = object(message, field, path);
    if (file != null) {
      attachments.add(file(type, file, path + "." + field, null));
    }
  }

  private static Attachment file(String type, JsonNode file, String path, String defaultMime) {
    String mime = text(file, "mime_type", path);
    return new Attachment(
        type,
        null,
        text(file, "file_name", path),
        number(file, "file_size", path),
        mime != null ? mime : defaultMime,
        requiredText(file, "file_id", path));
  }

  private static long area(JsonNode photo, String path) {
    Long width = number(photo, "width", path);
    Long height = number(photo, "height", path);
    Long size = number(photo, "file_size", path);
    if (width != null && height != null) {
      return width * height;
    }
    return size == null ? 0 : size;
  }

  private static String name(JsonNode user, String path) {
    String first = text(user, "first_name", path);
    String last = text(user, "last_name", path);
    String title = text(user, "title", path);
    if (first == null && last == null) {
      return title;
    }
    return last == null ? first : first == null ? last : first + " " + last;
  }

  private static String handle(JsonNode user, String path) {
    String username = text(user, "username", path);
    return username == null ? null : "@" + username;
  }
}
