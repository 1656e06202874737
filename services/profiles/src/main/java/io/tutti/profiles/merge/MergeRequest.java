package io.tutti.profiles.merge;

import jakarta.validation.constraints.NotBlank;

/**
 * Folds {@code otherContactId} into the contact of the path, which survives.
 *
 * @param otherContactId the contact that is merged away
 */
public record MergeRequest(@NotBlank String otherContactId) {}
