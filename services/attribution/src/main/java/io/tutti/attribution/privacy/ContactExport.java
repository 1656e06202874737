package io.tutti.attribution.privacy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything attribution holds on one person (GDPR access): the touches that brought them and the
 * conversions they made, of the contact and of every contact merged into it.
 *
 * @param contactId the contact the person is now: the one asked about, or the contact it was merged
 *     into
 * @param contactIds that contact and every contact merged into it, directly or not
 * @param identities the channel identities attribution knows to be the person's
 * @param handles the emails and phones attribution keeps to find the buyer a sale names
 * @param touches oldest first
 * @param conversions oldest first
 */
public record ContactExport(
    UUID contactId,
    Instant exportedAt,
    List<UUID> contactIds,
    List<IdentityRecord> identities,
    List<HandleRecord> handles,
    List<TouchRecord> touches,
    List<ConversionRecord> conversions) {

  public record IdentityRecord(UUID contactId, String channel, String externalId) {}

  /**
   * @param kind email or phone
   */
  public record HandleRecord(UUID contactId, String kind, String value) {}

  /**
   * A moment the person came to the workspace.
   *
   * @param type {@code session} (a website visit), {@code first_message} (their first message on a
   *     channel) or {@code ad_referral} (a message an ad or campaign link brought)
   * @param identityChannel with {@code identityId}, whom it came from: {@code web} and the visitor
   *     id, or the messaging channel and the sender's id on it
   * @param channel the channel credited with it ({@code instagram}, {@code search}, …)
   * @param lastSeenAt sessions only, like the page views, URLs, referrer, UTM and click id
   */
  public record TouchRecord(
      UUID id,
      UUID contactId,
      String type,
      String identityChannel,
      String identityId,
      String channel,
      String campaign,
      String adId,
      Instant occurredAt,
      Instant lastSeenAt,
      Integer pageViews,
      String landingUrl,
      String referrer,
      Map<String, String> utm,
      String clickId) {}

  /**
   * Something the person did that counts.
   *
   * @param kind {@code contact}, {@code qualified} or {@code sale}
   * @param counted whether it counts in the reports (when contacts are merged, one person counts
   *     once as a contact and once as qualified)
   * @param amount sales: in the workspace's {@code currency}
   * @param rate what one unit of the original currency was worth in the workspace's
   */
  public record ConversionRecord(
      UUID id,
      UUID contactId,
      String kind,
      Instant occurredAt,
      boolean counted,
      String orderId,
      BigDecimal amount,
      String currency,
      BigDecimal originalAmount,
      String originalCurrency,
      BigDecimal rate,
      Instant recordedAt) {}
}
