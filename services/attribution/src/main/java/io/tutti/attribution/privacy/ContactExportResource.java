package io.tutti.attribution.privacy;

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
import java.util.UUID;

/**
 * A person's touches and conversions, for profiles' GDPR export. Admin only: URLs, referrers and
 * order ids lead back to the person, and reports show none of them.
 */
@Path("/api/attribution/contacts/{contactId}/export")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class ContactExportResource {

  private final ContactExportService exports;
  private final Caller caller;

  public ContactExportResource(ContactExportService exports, Caller caller) {
    this.exports = exports;
    this.caller = caller;
  }

  /** 200 with empty lists for a contact attribution knows nothing of; a bad id is 404. */
  @GET
  public Uni<ContactExport> export(@PathParam("contactId") String contactId) {
    String workspaceId = caller.workspaceId();
    return exports.export(workspaceId, uuid(contactId));
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException notAnId) {
      throw Problem.notFound("No contact " + id + " in this workspace.").exception();
    }
  }
}
