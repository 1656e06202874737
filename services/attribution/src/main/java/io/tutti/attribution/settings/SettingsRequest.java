package io.tutti.attribution.settings;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A change to a workspace's attribution settings; a field left out keeps its value.
 *
 * @param exchangeRates what one unit of each currency is worth in the workspace's currency; the map
 *     given replaces the one held
 * @param sourceChannels utm_source or utm_medium values the workspace names differently, e.g.
 *     {@code {"partner_x": "affiliate"}}; replaces the one held
 * @param referrerChannels referrer domains the workspace names differently, e.g. {@code
 *     {"news.example.com": "press"}}; replaces the one held
 */
public record SettingsRequest(
    @Size(max = 64) String timeZone,
    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency,
    @DecimalMin(value = "0.1", message = "must be at least 0.1 days")
        @DecimalMax(value = "365", message = "must be at most 365 days")
        BigDecimal halfLifeDays,
    @Size(max = 200) Map<String, BigDecimal> exchangeRates,
    @Size(max = 500) Map<String, String> sourceChannels,
    @Size(max = 500) Map<String, String> referrerChannels) {}
