package io.tutti.connectors.deadletter;

import io.smallrye.mutiny.Uni;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.problem.Problem;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** What connectors could not deliver, for the workspace's admins to see and replay. */
@Path("/api/admin/dead-letters")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class DeadLetterResource {

  private final DeadLetterService deadLetters;
  private final Caller caller;

  public DeadLetterResource(DeadLetterService deadLetters, Caller caller) {
    this.deadLetters = deadLetters;
    this.caller = caller;
  }

  /** Newest first; {@code state} is open (default), replayed or all. */
  @GET
  public Uni<List<DeadLetterView>> list(@QueryParam("state") String state) {
    return deadLetters.list(caller.workspaceId(), state);
  }

  @POST
  @Path("/{id}/replay")
  public Uni<Response> replay(@PathParam("id") String id) {
    return deadLetters
        .replay(caller.workspaceId(), uuid(id), caller.username())
        .map(view -> Response.accepted(view).build());
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("No dead letter " + id + " in your workspace.").exception();
    }
  }
}
