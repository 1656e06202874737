package io.tutti.conversations.message;

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
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A conversation's thread: every message either way, and the agents' notes. */
@Path("/api/conversations/{id}/messages")
@RolesAllowed({"agent", "sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class MessageResource {

  private final MessageService messages;
  private final Caller caller;
  private final ConversationsConfig config;

  public MessageResource(MessageService messages, Caller caller, ConversationsConfig config) {
    this.messages = messages;
    this.caller = caller;
    this.config = config;
  }

  /**
   * Oldest first, in the order the customer and the agents sent them; {@code nextCursor} leads to
   * the newer messages that follow.
   */
  @GET
  public Uni<Page<MessageView>> list(
      @PathParam("id") String id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return messages.page(
        Viewer.of(caller),
        Ids.parse(id, "conversation"),
        Cursor.decode(cursor),
        PageSize.of(limit, config));
  }

  /**
   * A reply (sent to the customer on the conversation's channel; status {@code pending} until the
   * platform reports) or, with {@code "private": true}, a note. 202: the reply is stored and on its
   * way, not yet delivered.
   */
  @POST
  public Uni<Response> write(@PathParam("id") String id, @Valid @NotNull ReplyRequest request) {
    return messages
        .write(Viewer.of(caller), Ids.parse(id, "conversation"), request)
        .map(view -> Response.accepted(view).build());
  }
}
