package io.tutti.events.testing;

import io.quarkus.arc.Arc;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestIdentityAssociation;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Changes who the next requests of a service test are made by, so one test can play two people: the
 * admin who sets something up and the agent, sales rep or other workspace who then looks at it. The
 * test class's {@code @TestSecurity} restores its own identity after each test.
 */
public final class Callers {

  private Callers() {}

  public static void actAs(String user, String workspace, String... roles) {
    Arc.container()
        .instance(TestIdentityAssociation.class)
        .get()
        .setTestIdentity(
            QuarkusSecurityIdentity.builder()
                .setPrincipal(new Token(user, workspace))
                .addRoles(Set.of(roles))
                .build());
  }

  /** No one signed in: requests carry no identity. */
  public static void anonymous() {
    Arc.container()
        .instance(TestIdentityAssociation.class)
        .get()
        .setTestIdentity(QuarkusSecurityIdentity.builder().setAnonymous(true).build());
  }

  /** An admin (the realm's admin role carries sales and agent too). */
  public static void admin(String user, String workspace) {
    actAs(user, workspace, "admin", "sales", "agent");
  }

  public static void agent(String user, String workspace) {
    actAs(user, workspace, "agent");
  }

  /** The claims Tutti reads from a token. */
  private record Token(String user, String workspace) implements JsonWebToken {

    @Override
    public String getName() {
      return user;
    }

    @Override
    public Set<String> getClaimNames() {
      return Set.of("sub", "preferred_username", "name", "workspace");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
      return (T)
          switch (claimName) {
            case "sub", "preferred_username" -> user;
            case "name" -> "Agent " + user;
            case "workspace" -> workspace;
            default -> null;
          };
    }
  }
}
