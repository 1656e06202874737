package io.tutti.conversations.team;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What an admin sends to create a team or replace one.
 *
 * @param memberIds the agents in it: their user ids (the token subject)
 */
public record TeamRequest(
    @NotBlank @Size(max = 100) String name,
    @Size(max = 500) String description,
    @Size(max = 500) List<@NotBlank @Size(max = 100) String> memberIds) {}
