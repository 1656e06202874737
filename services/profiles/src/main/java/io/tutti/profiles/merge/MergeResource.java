package io.tutti.profiles.merge;

import io.smallrye.mutiny.Uni;
import io.tutti.profiles.contact.Actor;
import io.tutti.profiles.contact.Ids;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Agents merge duplicates they recognise, and undo merges that were wrong. */
@Path("/api/contacts/{id}")
@RolesAllowed({"agent", "sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class MergeResource {

  private final MergeService merges;
  private final Caller caller;

  public MergeResource(MergeService merges, Caller caller) {
    this.merges = merges;
    this.caller = caller;
  }

  /** Folds {@code otherContactId} into this contact, which survives. */
  @POST
  @Path("/merge")
  public Uni<MergeView.Result> merge(
      @PathParam("id") String id, @Valid @NotNull MergeRequest request) {
    return merges.merge(caller.workspaceId(), Ids.contact(id), request, Actor.of(caller));
  }

  /** Undoes one merge into this contact: both contacts stand on their own again as they were. */
  @POST
  @Path("/unmerge")
  public Uni<MergeView.Result> unmerge(
      @PathParam("id") String id, @Valid @NotNull UnmergeRequest request) {
    return merges.unmerge(caller.workspaceId(), Ids.contact(id), request, Actor.of(caller));
  }
}
