package io.tutti.profiles.merge;

import io.smallrye.mutiny.Uni;
import io.tutti.profiles.contact.Actor;
import io.tutti.profiles.contact.Ids;
import io.tutti.profiles.contact.Page;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.problem.Problem;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Contacts that may be one person, for a person to merge or dismiss. */
@Path("/api/contacts/merge-suggestions")
@RolesAllowed({"agent", "sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class MergeSuggestionResource {

  private final MergeSuggestionService suggestions;
  private final Caller caller;

  public MergeSuggestionResource(MergeSuggestionService suggestions, Caller caller) {
    this.suggestions = suggestions;
    this.caller = caller;
  }

  /** Open suggestions, highest confidence first; {@code contactId} narrows to one contact's. */
  @GET
  public Uni<Page<SuggestionView>> open(
      @QueryParam("contactId") String contactId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return suggestions.open(caller.workspaceId(), contactId, cursor, limit);
  }

  @POST
  @Path("/{suggestionId}/dismiss")
  public Uni<Response> dismiss(@PathParam("suggestionId") String suggestionId) {
    UUID id = Ids.parse(suggestionId);
    if (id == null) {
      throw Problem.notFound("No merge suggestion " + suggestionId + " in your workspace.")
          .exception();
    }
    return suggestions
        .dismiss(caller.workspaceId(), id, Actor.of(caller))
        .map(ignored -> Response.noContent().build());
  }
}
