package io.tutti.profiles.search;

import io.smallrye.mutiny.Uni;
import io.tutti.profiles.contact.ContactSummary;
import io.tutti.profiles.contact.Page;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The workspace's contacts, found by name, handle, email or phone. */
@Path("/api/contacts")
@RolesAllowed({"agent", "sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class SearchResource {

  private final ContactSearch search;
  private final Caller caller;

  public SearchResource(ContactSearch search, Caller caller) {
    this.search = search;
    this.caller = caller;
  }

  /** Without {@code q}, every contact; newest first either way. */
  @GET
  public Uni<Page<ContactSummary>> search(
      @QueryParam("q") String q,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return search.search(caller.workspaceId(), q, cursor, limit);
  }
}
