package io.tutti.conversations.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One action of a rule, as the API and the database hold it; each type uses some of the fields.
 *
 * @param type {@code assign_team}, {@code assign_strategy}, {@code assign_agent}, {@code
 *     set_priority}, {@code add_label}, {@code remove_label}, {@code set_status}, {@code
 *     auto_reply}, {@code add_note} or {@code webhook}
 * @param requiredSkills skills the agent who takes the conversation must have
 * @param value the priority, label or status
 * @param snoozeMinutes with status {@code snoozed}: for how long
 * @param until with status {@code snoozed}, instead of minutes: {@code business_hours}, until the
 *     conversation's team works again
 * @param text of an auto-reply or a note, with {@code {{contact.first_name}}}-style placeholders
 * @param url where a webhook posts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleAction(
    String type,
    String teamId,
    String strategy,
    List<String> requiredSkills,
    String agentId,
    String value,
    Integer snoozeMinutes,
    String until,
    String text,
    String url) {

  /** Snoozed until the conversation's team works again. */
  public static final String UNTIL_BUSINESS_HOURS = "business_hours";

  public RuleAction(
      String type,
      String teamId,
      String strategy,
      List<String> requiredSkills,
      String agentId,
      String value,
      Integer snoozeMinutes,
      String text,
      String url) {
    this(type, teamId, strategy, requiredSkills, agentId, value, snoozeMinutes, null, text, url);
  }

  boolean untilBusinessHours() {
    return UNTIL_BUSINESS_HOURS.equals(until);
  }
}
