package io.tutti.conversations.assignment;

import io.tutti.conversations.agent.Agent;
import io.tutti.conversations.agent.Load;
import io.tutti.conversations.agent.Presence;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.team.Team;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A team's agents as one assignment sees them, under their row locks: who is present, what they
 * know and how much more they take. Each conversation given out is counted at once, so one pass
 * over a queue never fills anyone past capacity.
 */
final class Pool {

  /** Who was picked, and by which strategy (a sticky team's fallback when it decided). */
  record Pick(Agent agent, Strategy by) {}

  private static final Comparator<Agent> BY_ID = Comparator.comparing(Agent::id);

  private final Team team;
  private final List<Agent> members;
  private final Map<String, Load> loads;
  private final Presence presence;
  private final Instant now;

  Pool(Team team, List<Agent> members, Map<String, Load> loads, Presence presence, Instant now) {
    this.team = team;
    this.members = members.stream().sorted(BY_ID).toList();
    this.loads = loads;
    this.presence = presence;
    this.now = now;
  }

  /** Whether nobody present has room for any conversation, so a queue need not be looked at. */
  boolean full() {
    return members.stream()
        .noneMatch(a -> presence.present(a, now) && load(a).total() < a.capacity);
  }

  /**
   * The agent for the conversation by the strategy, among the present members with the team's and
   * the conversation's skills and room on its channel, never {@code excluded}; null when nobody.
   *
   * @param sticky the agent who last helped the contact, for the sticky strategy
   */
  Pick pick(Conversation c, Strategy strategy, String excluded, String sticky) {
    Set<String> skills = new LinkedHashSet<>(team.requiredSkills);
    skills.addAll(c.requiredSkills);
    List<Agent> eligible =
        members.stream()
            .filter(a -> !a.id().equals(excluded))
            .filter(a -> presence.present(a, now))
            .filter(a -> a.skills.containsAll(skills))
            .filter(a -> load(a).roomFor(a, c.channel))
            .toList();
    if (eligible.isEmpty()) {
      return null;
    }
    return switch (strategy) {
      case STICKY ->
          eligible.stream()
              .filter(a -> a.id().equals(sticky))
              .findFirst()
              .map(a -> new Pick(a, Strategy.STICKY))
              .orElseGet(() -> pick(eligible, fallback()));
      case ROUND_ROBIN, LEAST_LOADED -> pick(eligible, strategy);
      case MANUAL -> throw new IllegalArgumentException("manual teams pick nobody");
    };
  }

  /** The conversation went to the agent: their load grows, and round robin moves on. */
  void took(Pick pick, Conversation c) {
    load(pick.agent()).add(c.channel, 1);
    pick.agent().lastAssignedAt = now;
    if (pick.by() == Strategy.ROUND_ROBIN) {
      team.lastAssignedAgentId = pick.agent().id();
    }
  }

  private Pick pick(List<Agent> eligible, Strategy strategy) {
    Agent agent =
        strategy == Strategy.ROUND_ROBIN
            ? eligible.stream()
                .filter(
                    a ->
                        team.lastAssignedAgentId == null
                            || a.id().compareTo(team.lastAssignedAgentId) > 0)
                .findFirst()
                .orElse(eligible.getFirst())
            : eligible.stream()
                .min(
                    Comparator.comparingInt((Agent a) -> load(a).total())
                        .thenComparing(
                            a -> a.lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(BY_ID))
                .orElseThrow();
    return new Pick(agent, strategy);
  }

  private Strategy fallback() {
    return Strategy.of(team.fallbackStrategy).orElse(Strategy.LEAST_LOADED);
  }

  private Load load(Agent agent) {
    return loads.computeIfAbsent(agent.id(), id -> new Load());
  }
}
