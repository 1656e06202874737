package io.tutti.profiles.merge;

import io.tutti.profiles.contact.ContactSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Two contacts that may be one person.
 *
 * @param contacts the two, older first
 * @param confidence 0 to 1, the strongest of the reasons
 */
public record SuggestionView(
    UUID id,
    List<ContactSummary> contacts,
    BigDecimal confidence,
    List<SuggestionReason> reasons,
    Instant createdAt,
    Instant updatedAt) {}
