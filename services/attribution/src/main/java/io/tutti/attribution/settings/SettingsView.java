package io.tutti.attribution.settings;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A workspace's attribution settings, with the default channel tables beside the workspace's
 * overrides.
 */
public record SettingsView(
    String timeZone,
    String currency,
    BigDecimal halfLifeDays,
    Map<String, BigDecimal> exchangeRates,
    Map<String, String> sourceChannels,
    Map<String, String> referrerChannels,
    Map<String, String> defaultSourceChannels,
    Map<String, String> defaultReferrerChannels) {}
