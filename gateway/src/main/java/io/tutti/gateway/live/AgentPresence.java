package io.tutti.gateway.live;

import io.tutti.gateway.live.LiveUser.AgentKey;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Who holds sockets on this gateway, within the limits. An agent with an open socket is online:
 * conversations hears it (a heartbeat at once and every {@link LiveConfig#heartbeatInterval()},
 * with the agent's own token) and the workspace is told ({@code agent.presence-changed}). Their
 * last socket closing stops the heartbeats; unless one opens again within {@link
 * LiveConfig#presenceGrace()}, the workspace is told they went offline.
 */
@ApplicationScoped
class AgentPresence {

  private static final Logger LOG = Logger.getLogger(AgentPresence.class);

  /** Why a socket is refused: its close code and reason, and the metric's cause. */
  record Refusal(int code, String reason, String cause) {}

  private static final Refusal USER_FULL =
      new Refusal(
          LiveFrames.TOO_MANY_FOR_USER, "too many live sockets for this user", "user-limit");
  private static final Refusal INSTANCE_FULL =
      new Refusal(LiveFrames.TRY_AGAIN_LATER, "this gateway holds all the sockets it may", "full");

  private final Vertx vertx;
  private final LiveConfig config;
  private final ConversationsClient conversations;
  private final BrokerSubscription broker;
  private final Map<AgentKey, Agent> agents = new HashMap<>();
  private int sockets;

  /** One person's sockets on this gateway, and their timers. */
  private static final class Agent {
    final List<LiveSocket> sockets = new ArrayList<>();
    long heartbeat = -1;
    long grace = -1;
  }

  AgentPresence(
      Vertx vertx,
      LiveConfig config,
      ConversationsClient conversations,
      BrokerSubscription broker) {
    this.vertx = vertx;
    this.config = config;
    this.conversations = conversations;
    this.broker = broker;
  }

  /**
   * Whether a socket of this user would be refused now; the handshake answers that early, {@link
   * #join} decides.
   */
  synchronized Refusal wouldRefuse(LiveUser user) {
    if (sockets >= config.maxSockets()) {
      return INSTANCE_FULL;
    }
    Agent agent = agents.get(user.key());
    if (agent != null && agent.sockets.size() >= config.maxSocketsPerUser()) {
      return USER_FULL;
    }
    return null;
  }

  /** Counts the socket in, or answers why not. The agent's first socket makes them online. */
  synchronized Refusal join(LiveSocket socket) {
    Refusal refusal = wouldRefuse(socket.user());
    if (refusal != null) {
      return refusal;
    }
    sockets++;
    AgentKey key = socket.user().key();
    Agent agent = agents.computeIfAbsent(key, k -> new Agent());
    agent.sockets.add(socket);
    if (agent.sockets.size() == 1) {
      boolean wasOnline = agent.grace != -1;
      if (wasOnline) {
        vertx.cancelTimer(agent.grace);
        agent.grace = -1;
      } else {
        announce(key, true);
      }
      heartbeat(key);
      agent.heartbeat =
          vertx.setPeriodic(config.heartbeatInterval().toMillis(), id -> heartbeat(key));
    }
    return null;
  }

  /** Counts the socket out; with the agent's last one gone, their heartbeats stop. */
  synchronized void leave(LiveSocket socket) {
    AgentKey key = socket.user().key();
    Agent agent = agents.get(key);
    if (agent == null || !agent.sockets.remove(socket)) {
      return;
    }
    sockets--;
    if (!agent.sockets.isEmpty()) {
      return;
    }
    vertx.cancelTimer(agent.heartbeat);
    agent.heartbeat = -1;
    agent.grace =
        vertx.setTimer(Math.max(1, config.presenceGrace().toMillis()), id -> wentAway(key, agent));
  }

  synchronized int sockets() {
    return sockets;
  }

  private synchronized void wentAway(AgentKey key, Agent agent) {
    if (agents.get(key) != agent || !agent.sockets.isEmpty()) {
      return;
    }
    agents.remove(key);
    announce(key, false);
  }

  private void heartbeat(AgentKey key) {
    String token;
    synchronized (this) {
      Agent agent = agents.get(key);
      if (agent == null || agent.sockets.isEmpty()) {
        return;
      }
      // The newest socket carries the freshest token.
      token = agent.sockets.getLast().user().accessToken();
    }
    if (token == null) {
      return;
    }
    conversations
        .heartbeat(token)
        .subscribe()
        .with(
            ok -> {},
            failure -> LOG.debugf("heartbeat of %s not taken: %s", key, failure.getMessage()));
  }

  private void announce(AgentKey key, boolean online) {
    broker
        .publish(
            key.workspaceId(),
            LiveTopology.AGENT_PRESENCE_CHANGED,
            new JsonObject().put("agentId", key.userId()).put("online", online))
        .subscribe()
        .with(
            ok -> {},
            failure ->
                LOG.debugf(
                    "presence of %s (online %s) not published: %s",
                    key, online, failure.getMessage()));
  }
}
