package io.tutti.events.type;

/**
 * A file that came with or goes out with a message.
 *
 * @param type image, video, audio, file, sticker, story_mention, story_reply, share, location, …
 * @param url where the platform serves it
 * @param name file name when the platform gives one
 * @param size bytes when known
 * @param contentType MIME type when known
 */
public record Attachment(String type, String url, String name, Long size, String contentType) {}
