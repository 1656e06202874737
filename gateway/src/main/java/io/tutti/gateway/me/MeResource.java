package io.tutti.gateway.me;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tutti.gateway.problem.Problem;
import io.tutti.gateway.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who the caller is, according to their validated token. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  static final String WORKSPACE_CLAIM = "workspace";

  /**
   * Tutti's own roles; Keycloak adds technical ones (offline_access, default-roles-…) that mean
   * nothing here.
   */
  static final java.util.Set<String> TUTTI_ROLES = java.util.Set.of("agent", "sales", "admin");

  private final SecurityIdentity identity;

  public MeResource(SecurityIdentity identity) {
    this.identity = identity;
  }

  @GET
  @RolesAllowed({"agent", "sales", "admin"})
  public Uni<MeView> me() {
    return Uni.createFrom().item(this::view);
  }

  private MeView view() {
    JsonWebToken token = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
    String workspace = claim(token, WORKSPACE_CLAIM);
    if (workspace == null || workspace.isBlank()) {
      // Every row and event is scoped to a workspace; a user outside any workspace sees nothing.
      throw new ProblemException(
          new Problem(
              Problem.type("workspace-required"),
              "No workspace",
              Response.Status.FORBIDDEN.getStatusCode(),
              "Your account is not a member of any workspace. Ask an administrator to add you to"
                  + " one."));
    }
    String username = claim(token, "preferred_username");
    return new MeView(
        username != null ? username : identity.getPrincipal().getName(),
        claim(token, "name"),
        claim(token, "email"),
        workspace,
        identity.getRoles().stream().filter(TUTTI_ROLES::contains).sorted().toList());
  }

  private static String claim(JsonWebToken token, String name) {
    if (token == null) {
      return null;
    }
    Object value = token.getClaim(name);
    return value == null ? null : value.toString();
  }
}
