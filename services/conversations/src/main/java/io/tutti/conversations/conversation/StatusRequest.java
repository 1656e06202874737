package io.tutti.conversations.conversation;

import jakarta.validation.constraints.NotBlank;
import java.time.Instant;

/**
 * A new status.
 *
 * @param status open | pending | snoozed | resolved
 * @param snoozeUntil required with snoozed, in the future; not allowed otherwise
 */
public record StatusRequest(@NotBlank String status, Instant snoozeUntil) {}
