package io.tutti.conversations.canned;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A canned response to create, or the new content of one.
 *
 * @param shortcut what agents type after {@code /}: letters, digits, {@code -} and {@code _}
 * @param text the snippet, with {@code {{contact.name}}}-style placeholders
 */
public record CannedResponseRequest(
    @NotBlank @Size(max = 51) String shortcut,
    @Size(max = 200) String title,
    @NotBlank @Size(max = 5000) String text) {}
