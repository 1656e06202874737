package io.tutti.conversations.contact;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.config.ConversationsConfig;
import io.tutti.conversations.conversation.Page;
import io.tutti.conversations.conversation.PageSize;
import io.tutti.conversations.conversation.Viewer;
import io.tutti.conversations.queue.QueueCursor;
import io.tutti.conversations.queue.QueueSort;
import io.tutti.web.http.RunsToCompletion;
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
@RunsToCompletion
public class ContactResource {

  private final ContactConversationService conversations;
  private final Caller caller;
  private final ConversationsConfig config;

  public ContactResource(
      ContactConversationService conversations, Caller caller, ConversationsConfig config) {
    this.conversations = conversations;
    this.caller = caller;
    this.config = config;
  }

  /**
   * Most recently active first, those the caller may see; the queue's item shape and paging, each
   * item with {@code recentMessages}: its latest three messages and notes, newest first.
   */
  @GET
  public Uni<Page<ContactConversation>> list(
      @PathParam("contactId") String contactId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    if (contactId.length() > 100) {
      throw Problem.notFound("No contact " + contactId + " in your workspace.").exception();
    }
    return conversations.page(
        Viewer.of(caller),
        contactId,
        QueueCursor.decode(cursor, QueueSort.LAST_ACTIVITY),
        PageSize.of(limit, config));
  }
}
