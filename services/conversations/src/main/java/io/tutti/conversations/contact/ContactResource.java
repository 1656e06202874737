package io.tutti.conversations.contact;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.config.ConversationsConfig;
import io.tutti.conversations.conversation.ConversationSummary;
import io.tutti.conversations.conversation.Page;
import io.tutti.conversations.conversation.PageSize;
import io.tutti.conversations.conversation.Viewer;
import io.tutti.conversations.queue.QueueCursor;
import io.tutti.conversations.queue.QueueFilter;
import io.tutti.conversations.queue.QueueService;
import io.tutti.conversations.queue.QueueSort;
import io.tutti.web.problem.Problem;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A contact's whole history: their conversations on every channel and inbox. */
@Path("/api/contacts/{contactId}/conversations")
@RolesAllowed({"agent", "sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

  private final QueueService queue;
  private final Caller caller;
  private final ConversationsConfig config;

  public ContactResource(QueueService queue, Caller caller, ConversationsConfig config) {
    this.queue = queue;
    this.caller = caller;
    this.config = config;
  }

  /** Most recently active first, those the caller may see; the queue's item shape and paging. */
  @GET
  public Uni<Page<ConversationSummary>> list(
      @PathParam("contactId") String contactId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    if (contactId.length() > 100) {
      throw Problem.notFound("No contact " + contactId + " in your workspace.").exception();
    }
    return queue.page(
        Viewer.of(caller),
        QueueFilter.ofContact(contactId),
        QueueSort.LAST_ACTIVITY,
        QueueCursor.decode(cursor, QueueSort.LAST_ACTIVITY),
        PageSize.of(limit, config));
  }
}
