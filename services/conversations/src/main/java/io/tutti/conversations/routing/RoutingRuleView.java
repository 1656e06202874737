package io.tutti.conversations.routing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A rule as admins see it. */
public record RoutingRuleView(
    UUID id,
    String name,
    boolean enabled,
    int order,
    String trigger,
    String match,
    List<RuleCondition> conditions,
    List<RuleAction> actions,
    boolean stopAfter,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  static RoutingRuleView of(RoutingRule rule) {
    return new RoutingRuleView(
        rule.id,
        rule.name,
        rule.enabled,
        rule.position,
        rule.trigger,
        rule.match,
        List.copyOf(rule.conditions),
        List.copyOf(rule.actions),
        rule.stopAfter,
        rule.createdBy,
        rule.createdAt,
        rule.updatedAt);
  }
}
