package io.tutti.conversations.team;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A team as the API shows it. */
public record TeamView(
    UUID id,
    String name,
    String description,
    List<String> memberIds,
    Instant createdAt,
    Instant updatedAt) {}
