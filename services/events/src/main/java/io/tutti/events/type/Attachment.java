package io.tutti.events.type;

/**
 * A file that came with or goes out with a message.
 *
 * @param type image, video, audio, file, sticker, story_mention, story_reply, share, location, …
 * @param url where the platform serves it
 * @param name file name when the platform gives one
 * @param size bytes when known
 * @param contentType MIME type when known
 * @param platformId the platform's own media id when it sends an id instead of a URL (WhatsApp
 *     media id, Telegram file id); fetched through the platform API with the inbox's credentials
 */
public record Attachment(
    String type, String url, String name, Long size, String contentType, String platformId) {

  public Attachment(String type, String url, String name, Long size, String contentType) {
    this(type, url, name, size, contentType, null);
  }
}
