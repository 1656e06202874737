package io.tutti.connectors.media;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbox.InboxDirectory;
import io.tutti.connectors.inbox.InboxRepository;
import io.tutti.connectors.outbound.SendFailure;
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
import java.util.regex.Pattern;

/**
 * The photos, voice notes and documents customers send on WhatsApp and Telegram, which the
 * platforms deliver as ids: the attachment URLs of their {@code message.received} point here, for
 * the agents of the inbox's workspace.
 */
@Path("/api/inboxes/{inboxId}/media/{platformId}")
@RolesAllowed({"agent", "sales", "admin"})
@RunsToCompletion
public class MediaResource {

  /**
   * WhatsApp media ids are digits, Telegram file ids URL-safe Base64: nothing else reaches a URL.
   */
  private static final Pattern PLATFORM_ID = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  private final InboxRepository inboxes;
  private final InboxDirectory directory;
  private final PlatformMedia media;
  private final Caller caller;

  public MediaResource(
      InboxRepository inboxes, InboxDirectory directory, PlatformMedia media, Caller caller) {
    this.inboxes = inboxes;
    this.directory = directory;
    this.media = media;
    this.caller = caller;
  }

  @GET
  @Produces(MediaType.WILDCARD)
  @WithSession
  public Uni<Response> download(
      @PathParam("inboxId") String inboxId, @PathParam("platformId") String platformId) {
    String workspaceId = caller.workspaceId();
    UUID inbox = uuid(inboxId);
    if (inbox == null || !PLATFORM_ID.matcher(platformId).matches()) {
      return Uni.createFrom().failure(notFound().exception());
    }
    return inboxes
        .findInWorkspace(workspaceId, inbox)
        .onItem()
        .ifNull()
        .failWith(() -> notFound().exception())
        .map(directory::open)
        .chain(context -> media.fetch(context, platformId))
        .map(file -> FileResponses.file(file.content(), file.contentType(), file.name()))
        .onFailure(SendFailure.class)
        .transform(failure -> unavailable((SendFailure) failure));
  }

  private static RuntimeException unavailable(SendFailure failure) {
    return failure.retryable()
        ? new Problem(
                Problem.type("platform-unavailable"),
                "Platform unavailable",
                503,
                failure.getMessage() + " Try again in a moment.")
            .exception()
        : new Problem(
                Problem.type("media-unavailable"), "File not relayed", 502, failure.getMessage())
            .exception();
  }

  private static UUID uuid(String id) {
    try {
      return id != null && id.length() == 36 ? UUID.fromString(id) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Problem notFound() {
    return Problem.notFound("No such file in your workspace.");
  }
}
