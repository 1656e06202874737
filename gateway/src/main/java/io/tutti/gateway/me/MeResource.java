package io.tutti.gateway.me;

import io.smallrye.mutiny.Uni;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Who the caller is, according to their validated token. */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  private final Caller caller;

  public MeResource(Caller caller) {
    this.caller = caller;
  }

  @GET
  @RolesAllowed({"agent", "sales", "admin"})
  public Uni<MeView> me() {
    return Uni.createFrom().item(this::view);
  }

  private MeView view() {
    String workspace = caller.workspaceId();
    return new MeView(
        caller.username(),
        caller.claim("name"),
        caller.claim("email"),
        workspace,
        caller.roles().stream().filter(Caller.ROLES::contains).sorted().toList());
  }
}
