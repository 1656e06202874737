package io.tutti.conversations.routing;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.Ids;
import io.tutti.conversations.conversation.Viewer;
import io.tutti.web.http.RunsToCompletion;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Routing rules, in the order they run; admins only. */
@Path("/api/routing-rules")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class RoutingRuleResource {

  private final RoutingRuleService rules;
  private final Caller caller;

  public RoutingRuleResource(RoutingRuleService rules, Caller caller) {
    this.rules = rules;
    this.caller = caller;
  }

  @GET
  public Uni<List<RoutingRuleView>> list() {
    return rules.list(caller.workspaceId());
  }

  @GET
  @Path("/{id}")
  public Uni<RoutingRuleView> get(@PathParam("id") String id) {
    return rules.get(caller.workspaceId(), Ids.parse(id, "routing rule"));
  }

  @POST
  public Uni<Response> create(@Valid @NotNull RoutingRuleRequest request, UriInfo uri) {
    return rules
        .create(Viewer.of(caller), request)
        .map(
            view ->
                Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                    .entity(view)
                    .build());
  }

  /** Replaces the rule; {@code order} moves it, left out it stays where it is. */
  @PUT
  @Path("/{id}")
  public Uni<RoutingRuleView> update(
      @PathParam("id") String id, @Valid @NotNull RoutingRuleRequest request) {
    return rules.update(caller.workspaceId(), Ids.parse(id, "routing rule"), request);
  }

  @DELETE
  @Path("/{id}")
  public Uni<Void> delete(@PathParam("id") String id) {
    return rules.delete(caller.workspaceId(), Ids.parse(id, "routing rule"));
  }

  /** What the rules would do with a sample message; changes nothing. */
  @POST
  @Path("/dry-run")
  public Uni<DryRunResult> dryRun(@Valid @NotNull DryRunRequest request) {
    return rules.dryRun(caller.workspaceId(), request);
  }
}
