package io.tutti.conversations.routing;

import java.util.List;
import java.util.UUID;

/**
 * What the rules would do with a sample message, in the order they would do it.
 *
 * @param language what {@code message.language} would see
 * @param matched the rules that would apply, in order, each with its actions
 * @param stoppedAfter the rule whose {@code stopAfter} would end the run, or null
 */
public record DryRunResult(
    String trigger, String language, List<Match> matched, RuleRef stoppedAfter) {

  public record Match(
      UUID id, String name, int order, List<RuleAction> actions, boolean stopAfter) {}

  public record RuleRef(UUID id, String name) {}
}
