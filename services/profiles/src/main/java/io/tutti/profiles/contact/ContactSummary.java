package io.tutti.profiles.contact;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A contact as lists show it.
 *
 * @param channels the channels the contact has written on, each once
 * @param lastSeenAt when the contact last wrote on any channel
 */
public record ContactSummary(
    UUID id,
    String name,
    String avatarUrl,
    String company,
    String stage,
    String ownerId,
    String ownerName,
    List<String> channels,
    List<String> emails,
    List<String> phones,
    Instant lastSeenAt,
    Instant createdAt) {}
