package io.tutti.conversations.routing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A rule to create, or the new content of one.
 *
 * @param enabled true when left out
 * @param order its place among the workspace's rules, from 1; left out, a new rule goes last and a
 *     changed one stays where it is
 * @param trigger {@code conversation_opened}, {@code message_received} or {@code
 *     conversation_updated}
 * @param match {@code all} (the default) or {@code any} of the conditions; none at all always
 *     matches
 * @param stopAfter when it applied, no later rule of the same run does
 */
public record RoutingRuleRequest(
    @NotBlank @Size(max = 100) String name,
    Boolean enabled,
    @Min(1) @Max(10_000) Integer order,
    @NotBlank String trigger,
    String match,
    @Size(max = RoutingRuleRequest.MAX_CONDITIONS) List<@NotNull RuleCondition> conditions,
    @NotNull @Size(min = 1, max = RoutingRuleRequest.MAX_ACTIONS) List<@NotNull RuleAction> actions,
    Boolean stopAfter) {

  public static final int MAX_CONDITIONS = 20;
  public static final int MAX_ACTIONS = 10;
}
