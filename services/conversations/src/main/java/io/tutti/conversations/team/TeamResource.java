package io.tutti.conversations.team;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.Ids;
import io.tutti.web.http.RunsToCompletion;
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

/** Every agent reads the workspace's teams; admins make and change them. */
@Path("/api/teams")
@RolesAllowed({"agent", "sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class TeamResource {

  private final TeamService teams;
  private final Caller caller;

  public TeamResource(TeamService teams, Caller caller) {
    this.teams = teams;
    this.caller = caller;
  }

  @GET
  public Uni<List<TeamView>> list() {
    return teams.list(caller.workspaceId());
  }

  @GET
  @Path("/{id}")
  public Uni<TeamView> get(@PathParam("id") String id) {
    return teams.get(caller.workspaceId(), Ids.parse(id, "team"));
  }

  @POST
  @RolesAllowed("admin")
  public Uni<Response> create(@Valid @NotNull TeamRequest request, UriInfo uri) {
    return teams
        .create(caller.workspaceId(), request)
        .map(
            view ->
                Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                    .entity(view)
                    .build());
  }

  @PUT
  @Path("/{id}")
  @RolesAllowed("admin")
  public Uni<TeamView> update(@PathParam("id") String id, @Valid @NotNull TeamRequest request) {
    return teams.update(caller.workspaceId(), Ids.parse(id, "team"), request);
  }
}
