package io.tutti.conversations.agent;

import io.smallrye.mutiny.Uni;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The workspace's agents: every agent reads them (whom to hand a conversation to), admins set their
 * capacity and skills, and each agent their own availability. {@code me} names the caller.
 */
@Path("/api/agents")
@RolesAllowed({"agent", "sales", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class AgentResource {

  static final String ME = "me";

  private final AgentService agents;
  private final Presence presence;
  private final Caller caller;

  public AgentResource(AgentService agents, Presence presence, Caller caller) {
    this.agents = agents;
    this.presence = presence;
    this.caller = caller;
  }

  @GET
  public Uni<List<AgentView>> list() {
    return agents.list(caller.workspaceId());
  }

  @GET
  @Path("/{id}")
  public Uni<AgentView> get(@PathParam("id") String id) {
    return agents.get(caller.workspaceId(), agentId(id));
  }

  @PUT
  @Path("/{id}")
  public Uni<AgentView> update(@PathParam("id") String id, @Valid @NotNull AgentRequest request) {
    return agents.update(
        new AgentService.Editor(caller.workspaceId(), caller.userId(), caller.hasRole("admin")),
        agentId(id),
        request);
  }

  /**
   * The agent is still here: the gateway calls it for each agent on its live socket, who may watch
   * the queue for a long time without making a request. Any request counts the same.
   */
  @POST
  @Path("/me/heartbeat")
  @Consumes(MediaType.WILDCARD)
  public Uni<Void> heartbeat() {
    // Refused (403) like every other endpoint when the token names no workspace.
    caller.workspaceId();
    return presence.seen(caller);
  }

  private String agentId(String id) {
    return ME.equals(id) ? caller.userId() : id.strip();
  }
}
