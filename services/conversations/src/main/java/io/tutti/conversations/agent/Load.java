package io.tutti.conversations.agent;

import java.util.HashMap;
import java.util.Map;

/**
 * How many open and pending conversations an agent has, in all and per channel: what capacity is
 * measured against. Mutable, so one pass over a queue counts each assignment it makes.
 */
public final class Load {

  private int total;
  private final Map<String, Integer> byChannel = new HashMap<>();

  public int total() {
    return total;
  }

  public int on(String channel) {
    return byChannel.getOrDefault(channel, 0);
  }

  public void add(String channel, int count) {
    total += count;
    byChannel.merge(channel, count, Integer::sum);
  }

  /** Whether one more conversation on the channel keeps the agent within their capacities. */
  public boolean roomFor(Agent agent, String channel) {
    Integer cap = agent.capacityOn(channel);
    return total < agent.capacity && (cap == null || on(channel) < cap);
  }
}
