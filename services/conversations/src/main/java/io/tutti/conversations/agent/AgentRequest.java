package io.tutti.conversations.agent;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A change to an agent; a field left out (or null) keeps its value. An agent may send only their
 * own {@code availability}; the rest is for admins.
 *
 * @param availability online, away or offline
 * @param capacity open and pending conversations they take at once
 * @param channelCapacity caps per channel, e.g. {@code {"whatsapp": 3}}; {@code {}} removes them
 * @param skills what they know, e.g. {@code ["spanish", "billing"]}; {@code []} removes them
 */
public record AgentRequest(
    String availability,
    @Min(0) @Max(1000) Integer capacity,
    @Size(max = 20) Map<String, Integer> channelCapacity,
    @Size(max = 50) List<@NotBlank @Size(max = 50) String> skills) {

  boolean onlyAvailability() {
    return capacity == null && channelCapacity == null && skills == null;
  }
}
