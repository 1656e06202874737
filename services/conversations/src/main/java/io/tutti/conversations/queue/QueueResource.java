package io.tutti.conversations.queue;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.config.ConversationsConfig;
import io.tutti.conversations.conversation.ConversationSummary;
import io.tutti.conversations.conversation.Page;
import io.tutti.conversations.conversation.PageSize;
import io.tutti.conversations.conversation.Viewer;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The unified queue. Filters take one value, several separated by commas, or the parameter
 * repeated: {@code status=open,pending}.
 */
@Path("/api/conversations")
@RolesAllowed({"agent", "sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class QueueResource {

  private final QueueService queue;
  private final Caller caller;
  private final ConversationsConfig config;

  public QueueResource(QueueService queue, Caller caller, ConversationsConfig config) {
    this.queue = queue;
    this.caller = caller;
    this.config = config;
  }

  /**
   * {@code view=mine|unassigned|team:{teamId}|all} (default all), {@code sort=last_activity}
   * (default, newest first) or {@code waiting} (longest waiting first), keyset pages.
   */
  @GET
  public Uni<Page<ConversationSummary>> list(
      @QueryParam("view") String view,
      @QueryParam("status") List<String> status,
      @QueryParam("channel") List<String> channel,
      @QueryParam("inbox") List<String> inbox,
      @QueryParam("label") List<String> label,
      @QueryParam("priority") List<String> priority,
      @QueryParam("assignee") String assignee,
      @QueryParam("team") String team,
      @QueryParam("q") String q,
      @QueryParam("sort") String sort,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    QueueFilter filter =
        QueueRequest.filter(view, status, channel, inbox, label, priority, assignee, team, q);
    QueueSort order = QueueRequest.sort(sort);
    return queue.page(
        Viewer.of(caller),
        filter,
        order,
        QueueCursor.decode(cursor, order),
        PageSize.of(limit, config));
  }

  /** Per view, under the same filters: {@code {mine, unassigned, all, teams: {teamId: n}}}. */
  @GET
  @Path("/counts")
  public Uni<QueueCounts> counts(
      @QueryParam("status") List<String> status,
      @QueryParam("channel") List<String> channel,
      @QueryParam("inbox") List<String> inbox,
      @QueryParam("label") List<String> label,
      @QueryParam("priority") List<String> priority,
      @QueryParam("assignee") String assignee,
      @QueryParam("team") String team,
      @QueryParam("q") String q) {
    return queue.counts(
        Viewer.of(caller),
        QueueRequest.filter(null, status, channel, inbox, label, priority, assignee, team, q));
  }
}
