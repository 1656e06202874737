package io.tutti.conversations.canned;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.Ids;
import io.tutti.conversations.conversation.Viewer;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.problem.Problem;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Canned responses: {@code /shortcut} snippets with placeholders. */
@Path("/api/canned-responses")
@RolesAllowed({"agent", "sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class CannedResponseResource {

  private final CannedResponseService responses;
  private final Caller caller;

  public CannedResponseResource(CannedResponseService responses, Caller caller) {
    this.responses = responses;
    this.caller = caller;
  }

  /** All of them, or those whose shortcut starts with {@code q} (with or without the slash). */
  @GET
  public Uni<List<CannedResponseView>> list(@QueryParam("q") String q) {
    if (q != null && q.length() > 51) {
      throw Problem.validation(
              List.of(new Problem.FieldError("q", "must be at most 51 characters")))
          .exception();
    }
    return responses.list(Viewer.of(caller), q);
  }

  @GET
  @Path("/{id}")
  public Uni<CannedResponseView> get(@PathParam("id") String id) {
    return responses.get(Viewer.of(caller), Ids.parse(id, "canned response"));
  }

  /** The text filled in for a conversation: {@code ?conversationId=}. */
  @GET
  @Path("/{id}/render")
  public Uni<RenderedResponse> render(
      @PathParam("id") String id, @QueryParam("conversationId") String conversationId) {
    if (conversationId == null || conversationId.isBlank()) {
      throw Problem.validation(List.of(new Problem.FieldError("conversationId", "is required")))
          .exception();
    }
    return responses.render(
        Viewer.of(caller),
        Ids.parse(id, "canned response"),
        Ids.field(conversationId, "conversationId"));
  }

  @POST
  public Uni<Response> create(@Valid @NotNull CannedResponseRequest request, UriInfo uri) {
    return responses
        .create(Viewer.of(caller), request)
        .map(
            view ->
                Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                    .entity(view)
                    .build());
  }

  @PUT
  @Path("/{id}")
  public Uni<CannedResponseView> update(
      @PathParam("id") String id, @Valid @NotNull CannedResponseRequest request) {
    return responses.update(Viewer.of(caller), Ids.parse(id, "canned response"), request);
  }

  @DELETE
  @Path("/{id}")
  public Uni<Void> delete(@PathParam("id") String id) {
    return responses.delete(Viewer.of(caller), Ids.parse(id, "canned response"));
  }
}
