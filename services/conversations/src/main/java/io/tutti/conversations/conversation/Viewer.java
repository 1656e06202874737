package io.tutti.conversations.conversation;

import io.tutti.web.security.Caller;

/**
 * Who is asking, as far as conversations care: the workspace, the agent's user id (the token
 * subject) and whether they are an admin, who sees every conversation of the workspace.
 */
public record Viewer(String workspaceId, String agentId, boolean admin, String name) {

  public static Viewer of(Caller caller) {
    String name = caller.claim("name");
    return new Viewer(
        caller.workspaceId(),
        caller.userId(),
        caller.hasRole("admin"),
        name == null || name.isBlank() ? caller.username() : name);
  }
}
