package io.tutti.connectors.email;

import io.smallrye.mutiny.Uni;
import io.tutti.web.problem.Problem;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/**
 * The files that came with emails, for the agents of the inbox's workspace: the URLs in {@code
 * message.received} and the inline images of its HTML point here.
 */
@Path("/api/inboxes/{inboxId}/attachments")
@RolesAllowed({"agent", "sales", "admin"})
public class EmailAttachmentResource {

  /** Raster images a browser may show in place; anything else is offered as a download. */
  private static final Set<String> INLINE_TYPES =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

  private final EmailAttachmentRepository attachments;
  private final Caller caller;

  public EmailAttachmentResource(EmailAttachmentRepository attachments, Caller caller) {
    this.attachments = attachments;
    this.caller = caller;
  }

  @GET
  @Path("/{attachmentId}")
  @Produces(MediaType.WILDCARD)
  public Uni<Response> download(
      @PathParam("inboxId") String inboxId, @PathParam("attachmentId") String attachmentId) {
    String workspaceId = caller.workspaceId();
    UUID inbox = uuid(inboxId);
    UUID id = uuid(attachmentId);
    if (inbox == null || id == null) {
      return Uni.createFrom().failure(notFound().exception());
    }
    return attachments
        .findInWorkspace(workspaceId, inbox, id)
        .onItem()
        .ifNull()
        .failWith(() -> notFound().exception())
        .map(
            file ->
                Response.ok(file.content)
                    .type(mediaType(file.contentType))
                    .header("Content-Disposition", disposition(file))
                    // The bytes are the customer's, not ours: never let a browser guess a more
                    // dangerous type, nor run anything they contain in our origin.
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "default-src 'none'; sandbox")
                    .header(HttpHeaders.CACHE_CONTROL, "private, max-age=86400")
                    .build());
  }

  private static MediaType mediaType(String contentType) {
    try {
      return MediaType.valueOf(contentType);
    } catch (IllegalArgumentException e) {
      return MediaType.APPLICATION_OCTET_STREAM_TYPE;
    }
  }

  /** RFC 6266: an ASCII fallback name and the exact name, UTF-8 and %-encoded. */
  static String disposition(EmailAttachment file) {
    String type = INLINE_TYPES.contains(file.contentType) ? "inline" : "attachment";
    StringBuilder ascii = new StringBuilder();
    for (char c : file.name.toCharArray()) {
      ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
    }
    StringBuilder encoded = new StringBuilder();
    for (byte b : file.name.getBytes(StandardCharsets.UTF_8)) {
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
    return type + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  private static UUID uuid(String id) {
    try {
      return id != null && id.length() == 36 ? UUID.fromString(id) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Problem notFound() {
    return Problem.notFound("No such attachment in your workspace.");
  }
}
