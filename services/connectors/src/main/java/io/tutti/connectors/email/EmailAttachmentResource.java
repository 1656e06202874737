package io.tutti.connectors.email;

import io.smallrye.mutiny.Uni;
import io.tutti.connectors.media.FileResponses;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.problem.Problem;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * The files that came with emails, for the agents of the inbox's workspace: the URLs in {@code
 * message.received} and the inline images of its HTML point here.
 */
@Path("/api/inboxes/{inboxId}/attachments")
@RolesAllowed({"agent", "sales", "admin"})
@RunsToCompletion
public class EmailAttachmentResource {

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
        .map(file -> FileResponses.file(file.content, file.contentType, file.name));
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
