package io.tutti.conversations.conversation;

import jakarta.validation.constraints.NotBlank;

/**
 * A new priority.
 *
 * @param priority none | low | medium | high | urgent
 */
public record PriorityRequest(@NotBlank String priority) {}
