package io.tutti.profiles.privacy;

import io.smallrye.mutiny.Uni;
import io.tutti.profiles.contact.Actor;
import io.tutti.profiles.contact.Ids;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * A person's requests about their data (GDPR access and erasure), carried out by an admin: both
 * reach everything about the person, so they are not for every agent.
 */
@Path("/api/contacts/{id}")
@RolesAllowed("admin")
@RunsToCompletion
public class PrivacyResource {

  private final PrivacyService privacy;
  private final Caller caller;

  public PrivacyResource(PrivacyService privacy, Caller caller) {
    this.privacy = privacy;
    this.caller = caller;
  }

  /**
   * Everything Tutti holds on the person, as a JSON file to hand over. Conversations and
   * attribution are read with the caller's own token.
   */
  @GET
  @Path("/export")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> export(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    UUID contactId = Ids.contact(id);
    return privacy
        .export(caller.workspaceId(), contactId, authorization)
        .map(
            export ->
                Response.ok(export)
                    .header(
                        "Content-Disposition",
                        "attachment; filename=\"contact-" + export.contact().id() + ".json\"")
                    .build());
  }

  /**
   * Erases the person from profiles and announces {@code contact.erased}, on which the other
   * services erase theirs. 204; a second erasure finds nothing (404).
   */
  @DELETE
  public Uni<Response> erase(@PathParam("id") String id) {
    return privacy
        .erase(caller.workspaceId(), Ids.contact(id), Actor.of(caller))
        .map(ignored -> Response.noContent().build());
  }
}
