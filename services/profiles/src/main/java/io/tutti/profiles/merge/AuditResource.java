package io.tutti.profiles.merge;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tutti.profiles.config.ProfilesConfig;
import io.tutti.profiles.contact.Cursor;
import io.tutti.profiles.contact.Ids;
import io.tutti.profiles.contact.Page;
import io.tutti.profiles.contact.PageSize;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.problem.Problem;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** The workspace's audit log of merges, unmerges and erasures, for admins. */
@Path("/api/contacts/audit")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class AuditResource {

  private final AuditRepository entries;
  private final Caller caller;
  private final ProfilesConfig config;

  public AuditResource(AuditRepository entries, Caller caller, ProfilesConfig config) {
    this.entries = entries;
    this.caller = caller;
    this.config = config;
  }

  /** Newest first; {@code contactId} narrows to the entries about one contact. */
  @GET
  @WithSession
  public Uni<Page<AuditView>> list(
      @QueryParam("contactId") String contactId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    String workspaceId = caller.workspaceId();
    int size = PageSize.of(limit, config);
    UUID contact = null;
    if (contactId != null && !contactId.isBlank()) {
      contact = Ids.parse(contactId.strip());
      if (contact == null) {
        throw Problem.validation(
                List.of(new Problem.FieldError("contactId", "must be a contact id")))
            .exception();
      }
    }
    return entries
        .page(workspaceId, contact, Cursor.decode(cursor), size + 1)
        .map(
            found -> {
              List<AuditEntry> shown = found.subList(0, Math.min(size, found.size()));
              String next =
                  found.size() > size
                      ? new Cursor(shown.getLast().at, shown.getLast().id).encode()
                      : null;
              return new Page<>(shown.stream().map(AuditView::of).toList(), next);
            });
  }
}
