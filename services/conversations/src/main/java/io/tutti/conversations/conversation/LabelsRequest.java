package io.tutti.conversations.conversation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The conversation's labels, replacing the ones it has. Labels are kept in lower case; letters,
 * digits, spaces, {@code -}, {@code _} and {@code .}, up to 50 characters.
 */
public record LabelsRequest(@NotNull @Size(max = 20) List<@NotNull String> labels) {}
