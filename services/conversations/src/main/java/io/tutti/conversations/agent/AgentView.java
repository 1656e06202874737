package io.tutti.conversations.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An agent as the API shows them.
 *
 * @param availability online, away or offline
 * @param capacity open and pending conversations they take at once
 * @param channelCapacity caps per channel within the capacity, e.g. {@code {"whatsapp": 3}}
 * @param openCount their open and pending conversations now
 * @param lastSeenAt their last request or heartbeat; null if they never signed in
 */
public record AgentView(
    String id,
    String username,
    String name,
    List<String> roles,
    String availability,
    int capacity,
    Map<String, Integer> channelCapacity,
    List<String> skills,
    List<UUID> teamIds,
    int openCount,
    Instant lastSeenAt) {

  static AgentView of(Agent agent, List<UUID> teamIds, int openCount) {
    return new AgentView(
        agent.id(),
        agent.username,
        agent.displayName(),
        List.copyOf(agent.roles),
        agent.availability,
        agent.capacity,
        agent.channelCapacity == null ? Map.of() : Map.copyOf(agent.channelCapacity),
        List.copyOf(agent.skills),
        teamIds,
        openCount,
        agent.lastSeenAt);
  }
}
