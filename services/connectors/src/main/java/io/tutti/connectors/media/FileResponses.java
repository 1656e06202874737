package io.tutti.connectors.media;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * How connectors serves a customer's file to agents (email attachments, WhatsApp and Telegram
 * media): the bytes are the customer's, not ours, so a browser must never guess a more dangerous
 * type for them nor run anything they contain in our origin.
 */
public final class FileResponses {

  /** Raster images a browser may show in place; anything else is offered as a download. */
  private static final Set<String> INLINE_TYPES =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

  private FileResponses() {}

  public static Response file(byte[] content, String contentType, String name) {
    MediaType type = mediaType(contentType);
    return Response.ok(content)
        .type(type)
        .header("Content-Disposition", disposition(type, name))
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .header(HttpHeaders.CACHE_CONTROL, "private, max-age=86400")
        .build();
  }

  static MediaType mediaType(String contentType) {
    try {
      return contentType == null
          ? MediaType.APPLICATION_OCTET_STREAM_TYPE
          : MediaType.valueOf(contentType.strip());
    } catch (IllegalArgumentException e) {
      return MediaType.APPLICATION_OCTET_STREAM_TYPE;
    }
  }

  /** RFC 6266: an ASCII fallback name and the exact name, UTF-8 and %-encoded. */
  public static String disposition(MediaType type, String name) {
    String essence = type.getType() + "/" + type.getSubtype();
    String kind = INLINE_TYPES.contains(essence) ? "inline" : "attachment";
    if (name == null || name.isBlank()) {
      return kind;
    }
    StringBuilder ascii = new StringBuilder();
    for (char c : name.toCharArray()) {
      ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
    }
    StringBuilder encoded = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(String.format("%02X", c));
      }
    }
    return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
