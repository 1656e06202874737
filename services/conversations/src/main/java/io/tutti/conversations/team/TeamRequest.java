package io.tutti.conversations.team;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What an admin sends to create a team or replace one (a field left out takes its default).
 *
 * @param memberIds the agents in it: their user ids (the token subject)
 * @param strategy who takes a conversation given to the team: {@code manual} (the default: the
 *     agents take them), {@code round_robin}, {@code least_loaded} or {@code sticky}
 * @param fallbackStrategy for sticky, when the contact's agent cannot take it: {@code least_loaded}
 *     (the default) or {@code round_robin}
 * @param requiredSkills skills an agent needs to be given one of the team's conversations
 * @param timeZone IANA time zone of the business hours, e.g. {@code Europe/Berlin}
 * @param businessHours when the team works, e.g. {@code [{"days": ["mon", "fri"], "from": "09:00",
 *     "to": "18:00"}]}; none: around the clock
 * @param noReplyMinutes re-assign a conversation whose agent has not answered the waiting customer
 *     for this long; null: never
 * @param leadId the agent told of such a re-assignment
 */
public record TeamRequest(
    @NotBlank @Size(max = 100) String name,
    @Size(max = 500) String description,
    @Size(max = 500) List<@NotBlank @Size(max = 100) String> memberIds,
    @Size(max = 20) String strategy,
    @Size(max = 20) String fallbackStrategy,
    @Size(max = 50) List<@Size(max = 50) String> requiredSkills,
    @Size(max = 64) String timeZone,
    @Size(max = 50) List<BusinessHours.Window> businessHours,
    @Min(1) @Max(10080) Integer noReplyMinutes,
    @Size(max = 100) String leadId) {}
