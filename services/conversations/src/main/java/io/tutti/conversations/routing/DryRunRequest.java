package io.tutti.conversations.routing;

import io.tutti.events.type.Referral;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A sample message to try the rules on, as if it had just arrived.
 *
 * @param trigger {@code conversation_opened} when left out
 * @param contact what profiles would know of the sender
 * @param referral the ad or link it came from
 * @param labels, priority, status the conversation as it is (none, {@code none}, {@code open})
 * @param waitingMinutes how long the customer has waited; nothing waits when left out
 * @param changed on {@code conversation_updated}: what the agent changed
 */
public record DryRunRequest(
    @NotBlank @Size(max = 20) String channel,
    @Size(max = 100) String inboxId,
    @Size(max = 10_000) String text,
    @Valid Contact contact,
    Referral referral,
    String trigger,
    @Size(max = 50) List<@NotNull @Size(max = 50) String> labels,
    @Size(max = 10) String priority,
    @Size(max = 10) String status,
    @Min(0) @Max(10_000_000) Long waitingMinutes,
    @Size(max = 5) List<@NotNull String> changed) {

  /**
   * @param stage new, lead, qualified, customer, disqualified
   * @param firstMessage whether this is the contact's first conversation (true when left out)
   */
  public record Contact(
      @Size(max = 30) String stage,
      @Size(max = 200) Map<String, Object> attributes,
      Boolean firstMessage) {}
}
