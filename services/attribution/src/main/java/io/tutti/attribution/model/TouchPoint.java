package io.tutti.attribution.model;

import java.time.Instant;

/**
 * A touch as the models see it.
 *
 * @param campaign the campaign, or {@code ""} when none
 * @param order breaks ties between touches at the same instant: the one recorded later is later
 */
public record TouchPoint(String channel, String campaign, Instant at, long order) {}
