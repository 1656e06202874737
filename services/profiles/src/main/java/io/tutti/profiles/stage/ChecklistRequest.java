package io.tutti.profiles.stage;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Ticks (or unticks) one qualification checklist item, with an optional note. */
public record ChecklistRequest(@NotNull Boolean checked, @Size(max = 2000) String note) {}
