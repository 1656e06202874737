package io.tutti.profiles.stage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Moves a contact along the lead lifecycle.
 *
 * @param stage new, lead, qualified, customer or disqualified
 * @param note what the sales rep wants to remember about the change
 * @param reason why; required when disqualifying
 */
public record StageRequest(
    @NotBlank String stage, @Size(max = 2000) String note, @Size(max = 500) String reason) {}
