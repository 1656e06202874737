package io.tutti.profiles.contact;

import io.smallrye.mutiny.Uni;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** One contact: everything agents see beside the reply box, and their edits. */
@Path("/api/contacts/{id}")
@RolesAllowed({"agent", "sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class ContactResource {

  private final ContactService contacts;
  private final Caller caller;

  public ContactResource(ContactService contacts, Caller caller) {
    this.contacts = contacts;
    this.caller = caller;
  }

  /** The contact, or the survivor of the merge that folded it. */
  @GET
  public Uni<ContactView> get(@PathParam("id") String id) {
    return contacts.get(caller.workspaceId(), Ids.contact(id));
  }

  /** Fields left out stay as they are; see {@link ContactUpdate}. */
  @PUT
  public Uni<ContactView> update(@PathParam("id") String id, @Valid @NotNull ContactUpdate update) {
    return contacts.update(caller.workspaceId(), Ids.contact(id), update);
  }
}
