package io.tutti.conversations.activity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of a conversation's activity.
 *
 * @param type opened, reopened, status_changed, assignee_changed, team_changed, priority_changed,
 *     labels_changed, contact_changed, rule_applied, rule_failed, webhook_failed
 * @param actor the agent's id, {@code contact}, {@code system} or {@code rule:<id>}
 * @param details {@code from} and {@code to}, or {@code added} and {@code removed} for labels; an
 *     automatic assignment adds its {@code strategy} (and the {@code fallback} that decided for a
 *     sticky team), the {@code reason} it was given ({@code rule 'Ad leads'}), a {@code summary}
 *     ({@code routed to Sales by rule 'Ad leads'}), {@code waiting} when the conversation went to
 *     the team's queue, and the {@code leadId} told of a no-reply re-assignment; rule_applied names
 *     {@code ruleId}, {@code ruleName}, {@code trigger} and {@code actions}, rule_failed the {@code
 *     error}
 */
public record ActivityView(
    UUID id, String type, String actor, Map<String, Object> details, Instant at) {

  static ActivityView of(Activity activity) {
    return new ActivityView(
        activity.id, activity.type, activity.actor, activity.details, activity.at);
  }
}
