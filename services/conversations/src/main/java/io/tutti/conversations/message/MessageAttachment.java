package io.tutti.conversations.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tutti.events.type.Attachment;

/**
 * A file of a message, as stored and as agents see it.
 *
 * @param type image, video, audio, file, sticker, location, …
 * @param platformId the platform's media id when it sent one instead of a URL
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageAttachment(
    String type, String url, String name, Long size, String contentType, String platformId) {

  public static MessageAttachment of(Attachment attachment) {
    return new MessageAttachment(
        attachment.type(),
        attachment.url(),
        attachment.name(),
        attachment.size(),
        attachment.contentType(),
        attachment.platformId());
  }

  public Attachment toEvent() {
    return new Attachment(type, url, name, size, contentType, platformId);
  }
}
