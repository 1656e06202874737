package io.tutti.profiles.stage;

import io.smallrye.mutiny.Uni;
import io.tutti.profiles.contact.Actor;
import io.tutti.profiles.contact.ContactView;
import io.tutti.profiles.contact.Ids;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Sales reps qualify leads: stage, checklist and owner. Agents may look but not change them. */
@Path("/api/contacts/{id}")
@RolesAllowed({"sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class StageResource {

  private final StageService stages;
  private final Caller caller;

  public StageResource(StageService stages, Caller caller) {
    this.stages = stages;
    this.caller = caller;
  }

  @POST
  @Path("/stage")
  public Uni<ContactView> stage(@PathParam("id") String id, @Valid @NotNull StageRequest request) {
    return stages.change(caller.workspaceId(), Ids.contact(id), request, Actor.of(caller));
  }

  @PUT
  @Path("/checklist/{item}")
  public Uni<ContactView> checklist(
      @PathParam("id") String id,
      @PathParam("item") String item,
      @Valid @NotNull ChecklistRequest request) {
    return stages.checklist(caller.workspaceId(), Ids.contact(id), item, request, Actor.of(caller));
  }

  @PUT
  @Path("/owner")
  public Uni<ContactView> owner(@PathParam("id") String id, @Valid @NotNull OwnerRequest request) {
    return stages.owner(caller.workspaceId(), Ids.contact(id), request, Actor.of(caller));
  }
}
