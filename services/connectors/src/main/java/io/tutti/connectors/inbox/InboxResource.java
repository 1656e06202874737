package io.tutti.connectors.inbox;

import io.smallrye.mutiny.Uni;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.problem.Problem;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

/** Admins connect the workspace's channel accounts here. */
@Path("/api/inboxes")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class InboxResource {

  private final InboxService inboxes;
  private final Caller caller;

  public InboxResource(InboxService inboxes, Caller caller) {
    this.inboxes = inboxes;
    this.caller = caller;
  }

  @GET
  public Uni<List<InboxView>> list() {
    return inboxes.list(caller.workspaceId());
  }

  @GET
  @Path("/{id}")
  public Uni<InboxView> get(@PathParam("id") String id) {
    return inboxes.get(caller.workspaceId(), uuid(id));
  }

  @POST
  public Uni<Response> create(@Valid @NotNull InboxRequest request, UriInfo uri) {
    return inboxes
        .create(caller.workspaceId(), request)
        .map(
            view ->
                Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                    .entity(view)
                    .build());
  }

  @PUT
  @Path("/{id}")
  public Uni<InboxView> update(@PathParam("id") String id, @Valid @NotNull InboxRequest request) {
    return inboxes.update(caller.workspaceId(), uuid(id), request);
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("No inbox " + id + " in your workspace.").exception();
    }
  }
}
