package io.tutti.bench.fuzz;

/**
 * Who the API cases sign in as: a workspace admin, through Keycloak's password grant on the public
 * client meant for scripts. The demo's admin of {@code acme} unless told otherwise.
 *
 * @param oidcUrl the realm, e.g. {@code http://127.0.0.1:8180/realms/tutti}
 * @param clientId the direct-grant client
 * @param username an admin of the workspace to fuzz
 * @param password their password
 */
public record Credentials(String oidcUrl, String clientId, String username, String password) {

  /** {@code ada} / {@code demo}, admin of the demo workspace {@code acme}. */
  public static Credentials demo(String oidcUrl) {
    return new Credentials(oidcUrl, "tutti-cli", "ada", "demo");
  }

  /** Never the password. */
  @Override
  public String toString() {
    return "Credentials[" + username + " at " + oidcUrl + "]";
  }
}
