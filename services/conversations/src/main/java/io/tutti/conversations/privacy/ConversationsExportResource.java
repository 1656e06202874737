package io.tutti.conversations.privacy;

import io.smallrye.mutiny.Uni;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.problem.Problem;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A contact's conversations with every message, for profiles' GDPR export. Under {@code
 * /api/contacts/{id}/conversations}, so the gateway sends it here. Admin only: it holds every
 * conversation of the person, whoever they are assigned to, and every private note.
 */
@Path("/api/contacts/{contactId}/conversations/export")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class ConversationsExportResource {

  private final ConversationsExportService exports;
  private final Caller caller;

  public ConversationsExportResource(ConversationsExportService exports, Caller caller) {
    this.exports = exports;
    this.caller = caller;
  }

  /** 200 with empty {@code conversations} for a contact conversations knows nothing of. */
  @GET
  public Uni<ConversationsExport> export(@PathParam("contactId") String contactId) {
    if (contactId.length() > 100) {
      throw Problem.notFound("No contact " + contactId + " in your workspace.").exception();
    }
    return exports.export(caller.workspaceId(), contactId);
  }
}
