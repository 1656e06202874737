package io.tutti.conversations.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.problem.Problem;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * One conversation: what it is, and what an agent changes about it. The id must look like one, so
 * the queue's own paths ({@code /api/conversations/counts}) are never read as a conversation id.
 */
@Path("/api/conversations/{id: " + Ids.UUID_PATTERN + "}")
@RolesAllowed({"agent", "sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class ConversationResource {

  private static final int MAX_AGENT_ID = 100;

  private final ConversationService conversations;
  private final Caller caller;

  public ConversationResource(ConversationService conversations, Caller caller) {
    this.conversations = conversations;
    this.caller = caller;
  }

  @GET
  public Uni<ConversationDetail> get(@PathParam("id") String id) {
    return conversations.get(Viewer.of(caller), conversationId(id));
  }

  /**
   * {@code {assigneeId?, teamId?}}: a field left out keeps its value, {@code null} clears it, so
   * {@code {"teamId": "…"}} hands the conversation to a team and keeps its assignee.
   */
  @POST
  @Path("/assign")
  public Uni<ConversationDetail> assign(
      @PathParam("id") String id,
      @RequestBody(content = @Content(schema = @Schema(implementation = AssignRequest.class)))
          JsonNode body) {
    return conversations.assign(Viewer.of(caller), conversationId(id), assignment(body));
  }

  @POST
  @Path("/status")
  public Uni<ConversationDetail> status(
      @PathParam("id") String id, @Valid @NotNull StatusRequest request) {
    return conversations.changeStatus(Viewer.of(caller), conversationId(id), request);
  }

  @PUT
  @Path("/priority")
  public Uni<ConversationDetail> priority(
      @PathParam("id") String id, @Valid @NotNull PriorityRequest request) {
    return conversations.changePriority(Viewer.of(caller), conversationId(id), request);
  }

  @PUT
  @Path("/labels")
  public Uni<ConversationDetail> labels(
      @PathParam("id") String id, @Valid @NotNull LabelsRequest request) {
    return conversations.replaceLabels(Viewer.of(caller), conversationId(id), request);
  }

  /** The caller has read every customer message so far: their unread count becomes 0. */
  @POST
  @Path("/read")
  @Consumes(MediaType.WILDCARD)
  public Uni<Void> read(@PathParam("id") String id) {
    return conversations.markRead(Viewer.of(caller), conversationId(id));
  }

  private static UUID conversationId(String id) {
    return Ids.parse(id, "conversation");
  }

  static ConversationService.Assignment assignment(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw Problem.badRequest("The body must be a JSON object with assigneeId, teamId or both.")
          .exception();
    }
    boolean setsAssignee = body.has("assigneeId");
    boolean setsTeam = body.has("teamId");
    if (!setsAssignee && !setsTeam) {
      throw ConversationService.invalid("body", "must set assigneeId, teamId or both");
    }
    String assigneeId = null;
    if (setsAssignee && !body.get("assigneeId").isNull()) {
      JsonNode value = body.get("assigneeId");
      if (!value.isTextual()
          || value.textValue().isBlank()
          || value.textValue().strip().length() > MAX_AGENT_ID) {
        throw ConversationService.invalid(
            "assigneeId", "must be an agent's user id (at most 100 characters) or null");
      }
      assigneeId = value.textValue().strip();
    }
    UUID teamId = null;
    if (setsTeam && !body.get("teamId").isNull()) {
      JsonNode value = body.get("teamId");
      if (!value.isTextual()) {
        throw ConversationService.invalid("teamId", "must be a team id or null");
      }
      teamId = Ids.field(value.textValue(), "teamId");
    }
    return new ConversationService.Assignment(setsAssignee, assigneeId, setsTeam, teamId);
  }
}
