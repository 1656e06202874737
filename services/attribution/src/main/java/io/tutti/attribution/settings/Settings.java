package io.tutti.attribution.settings;

import io.tutti.attribution.channel.ChannelRules;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * A workspace's attribution settings as the code uses them (defaults filled in).
 *
 * @param exchangeRates 1 unit of the key currency in the workspace's currency
 */
public record Settings(
    String workspaceId,
    ZoneId timeZone,
    String currency,
    BigDecimal halfLifeDays,
    Map<String, BigDecimal> exchangeRates,
    Map<String, String> sourceChannels,
    Map<String, String> referrerChannels) {

  public ChannelRules channelRules() {
    return new ChannelRules(sourceChannels, referrerChannels);
  }

  public Duration halfLife() {
    return Duration.ofSeconds(halfLifeDays.multiply(BigDecimal.valueOf(86_400)).longValue());
  }

  /** What one unit of the currency is worth in the workspace's currency, when known. */
  public Optional<BigDecimal> rate(String from) {
    return from.equals(currency)
        ? Optional.of(BigDecimal.ONE)
        : Optional.ofNullable(exchangeRates.get(from));
  }
}
