package io.tutti.profiles.stage;

import jakarta.validation.constraints.Size;

/**
 * Gives the lead an owner, or takes it away with no {@code ownerId}.
 *
 * @param ownerId the user id (token subject) of the sales rep
 * @param ownerName the name shown for them; the caller's own when they take the lead themselves
 */
public record OwnerRequest(@Size(max = 100) String ownerId, @Size(max = 200) String ownerName) {}
