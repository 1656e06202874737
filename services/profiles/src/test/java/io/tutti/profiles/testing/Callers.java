package io.tutti.profiles.testing;

import io.quarkus.arc.Arc;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestIdentityAssociation;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Changes who the next requests of a test are made by, for a test that plays two people (an agent
 * reading the timeline of a contact an admin merged). The test's {@code @TestSecurity} sets its own
 * identity again before the next test.
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

  /** The claims Tutti reads from a token. */
  private record Token(String user, String workspace) implements JsonWebToken {

    @Override
    public String getName() {
      return user;
    }

    @Override
    public Set<String> getClaimNames() {
      return Set.of("sub", "preferred_username", "workspace");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
      return (T)
          switch (claimName) {
            case "sub", "preferred_username" -> user;
            case "workspace" -> workspace;
            default -> null;
          };
    }
  }
}
