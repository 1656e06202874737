package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;

/**
 * An agent came online (their first live socket on a gateway opened) or went offline (the last one
 * closed and stayed closed for the gateway's grace period). Published by the gateway straight to
 * the broker, without an outbox: presence is of the moment, and the next change supersedes it.
 */
public record AgentPresenceChanged(String agentId, boolean online) implements EventPayload {

  @Override
  public String type() {
    return EventTypes.AGENT_PRESENCE_CHANGED;
  }
}
