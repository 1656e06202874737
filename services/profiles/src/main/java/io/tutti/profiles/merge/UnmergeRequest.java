package io.tutti.profiles.merge;

import jakarta.validation.constraints.NotBlank;

/** Undoes the merge {@code mergeId}, which folded another contact into the one of the path. */
public record UnmergeRequest(@NotBlank String mergeId) {}
