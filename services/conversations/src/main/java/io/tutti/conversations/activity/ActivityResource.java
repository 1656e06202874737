package io.tutti.conversations.activity;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.config.ConversationsConfig;
import io.tutti.conversations.conversation.Cursor;
import io.tutti.conversations.conversation.Ids;
import io.tutti.conversations.conversation.Page;
import io.tutti.conversations.conversation.PageSize;
import io.tutti.conversations.conversation.Viewer;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** What happened to a conversation: opened, assigned and by whom, status, priority, labels. */
@Path("/api/conversations/{id}/activity")
@RolesAllowed({"agent", "sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class ActivityResource {

  private final ActivityService activities;
  private final Caller caller;
  private final ConversationsConfig config;

  public ActivityResource(ActivityService activities, Caller caller, ConversationsConfig config) {
    this.activities = activities;
    this.caller = caller;
    this.config = config;
  }

  /** Newest first; {@code nextCursor} leads to older entries. */
  @GET
  public Uni<Page<ActivityView>> list(
      @PathParam("id") String id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return activities.page(
        Viewer.of(caller),
        Ids.parse(id, "conversation"),
        Cursor.decode(cursor),
        PageSize.of(limit, config));
  }
}
