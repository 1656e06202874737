package io.tutti.gateway.live;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.tutti.web.security.Caller;
import java.util.Objects;

/**
 * Who holds a socket, read once from the identity the handshake was authenticated with (a bearer
 * token or the browser session alike).
 *
 * @param workspaceId the token's {@code workspace} claim
 * @param userId the token subject, as conversations names assignees and team members
 * @param admin sees every conversation of the workspace
 * @param accessToken the raw access token, for calls to conversations on the user's behalf; null
 *     when the identity carries none
 */
record LiveUser(String workspaceId, String userId, boolean admin, String accessToken) {

  LiveUser {
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(userId, "userId");
  }

  /** The user of an identity; empty of a workspace when the token names none. */
  static LiveUser of(SecurityIdentity identity) {
    Caller caller = new Caller(identity);
    String workspace = caller.claim(Caller.WORKSPACE_CLAIM);
    AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
    return new LiveUser(
        workspace == null ? "" : workspace,
        caller.userId(),
        identity.hasRole("admin"),
        token == null ? null : token.getToken());
  }

  /** Whether the identity may hold a live socket: one of Tutti's roles. */
  static boolean hasTuttiRole(SecurityIdentity identity) {
    return Caller.ROLES.stream().anyMatch(identity::hasRole);
  }

  /** Never the token: it is a credential. */
  @Override
  public String toString() {
    return "LiveUser[" + workspaceId + "/" + userId + (admin ? ", admin]" : "]");
  }

  /** The key of this person across their sockets. */
  AgentKey key() {
    return new AgentKey(workspaceId, userId);
  }

  /** One person of one workspace. */
  record AgentKey(String workspaceId, String userId) {}
}
