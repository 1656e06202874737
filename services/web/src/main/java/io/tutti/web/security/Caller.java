package io.tutti.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in caller of this request, read from their validated token. The workspace always comes
 * from here, never from a request body (ARCHITECTURE.md §2).
 */
@RequestScoped
public class Caller {

  /** The token claim that names the caller's workspace. */
  public static final String WORKSPACE_CLAIM = "workspace";

  /**
   * Tutti's own roles; Keycloak adds technical ones (offline_access, default-roles-…) that mean
   * nothing here.
   */
  public static final Set<String> ROLES = Set.of("agent", "sales", "admin");

  private final SecurityIdentity identity;

  public Caller(SecurityIdentity identity) {
    this.identity = identity;
  }

  /**
   * The caller's workspace.
   *
   * @throws io.tutti.web.problem.ProblemException 403 when the token names no workspace
   */
  public String workspaceId() {
    String workspace = claim(WORKSPACE_CLAIM);
    if (workspace == null || workspace.isBlank()) {
      // Every row and event is scoped to a workspace; a user outside any workspace sees nothing.
      throw new Problem(
              Problem.type("workspace-required"),
              "No workspace",
              403,
              "Your account is not a member of any workspace. Ask an administrator to add you to"
                  + " one.")
          .exception();
    }
    return workspace;
  }

  /** The stable user id (the token's subject), or the principal's name without one. */
  public String userId() {
    String subject = claim("sub");
    return subject != null ? subject : identity.getPrincipal().getName();
  }

  public String username() {
    String username = claim("preferred_username");
    return username != null ? username : identity.getPrincipal().getName();
  }

  /** A claim of the caller's token as text, or null. */
  public String claim(String name) {
    if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
      return null;
    }
    Object value = token.getClaim(name);
    return value == null ? null : value.toString();
  }

  public boolean hasRole(String role) {
    return identity.hasRole(role);
  }

  public Set<String> roles() {
    return identity.getRoles();
  }
}
