package io.tutti.profiles.timeline;

import io.smallrye.mutiny.Uni;
import io.tutti.profiles.contact.Ids;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** What the agent sees in the side panel: the contact's history on every channel. */
@Path("/api/contacts/{id}/timeline")
@RolesAllowed({"agent", "sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class TimelineResource {

  private final TimelineService timeline;
  private final Caller caller;

  public TimelineResource(TimelineService timeline, Caller caller) {
    this.timeline = timeline;
    this.caller = caller;
  }

  /**
   * Newest first. Conversations are read with the caller's own token, so they show what the caller
   * may see there.
   */
  @GET
  public Uni<TimelinePage> timeline(
      @PathParam("id") String id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return timeline.page(caller.workspaceId(), Ids.contact(id), cursor, limit, authorization);
  }
}
