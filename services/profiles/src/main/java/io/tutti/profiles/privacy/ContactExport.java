package io.tutti.profiles.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.profiles.contact.ContactView;
import io.tutti.profiles.merge.AuditView;
import io.tutti.profiles.merge.ContactState;
import io.tutti.profiles.merge.MergeView;
import io.tutti.profiles.merge.SuggestionReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything Tutti holds on one person (GDPR access): from profiles the contact, the contacts
 * merged into it with what they held, and every history kept about them; from conversations their
 * conversations with every message; from attribution their touches and conversions.
 *
 * @param conversations conversations' answer ({@code contactId}, {@code conversations} with their
 *     {@code messages} and {@code activity}); null when it could not be read
 * @param attribution attribution's answer ({@code touches}, {@code conversions}, {@code
 *     identities}, {@code handles}); null when it could not be read
 * @param missing the services that could not be read; their part is not in this export
 */
public record ContactExport(
    Instant exportedAt,
    ContactView contact,
    List<MergedContact> mergedContacts,
    List<ContactView.HandleView> handlesOfMergedContacts,
    List<StageChangeRecord> stageChanges,
    List<SessionRecord> sessions,
    List<SaleRecord> sales,
    List<MergeRecord> merges,
    List<AuditView> audit,
    List<SuggestionRecord> mergeSuggestions,
    JsonNode conversations,
    JsonNode attribution,
    List<Missing> missing) {

  /** The export with the other services' parts. */
  ContactExport with(JsonNode conversations, JsonNode attribution, List<Missing> missing) {
    return new ContactExport(
        exportedAt,
        contact,
        mergedContacts,
        handlesOfMergedContacts,
        stageChanges,
        sessions,
        sales,
        merges,
        audit,
        mergeSuggestions,
        conversations,
        attribution,
        List.copyOf(missing));
  }

  /**
   * A part of the person's data this export lacks.
   *
   * @param source {@code conversations} or {@code attribution}
   * @param reason unavailable (it failed, timed out or is resting after failures) or refused (it
   *     would not answer this caller)
   */
  public record Missing(String source, String reason, String detail) {}

  /** A contact folded into this one, as it stood when it was merged. */
  public record MergedContact(UUID id, Instant mergedAt, ContactState state, Instant createdAt) {}

  public record StageChangeRecord(
      UUID id,
      UUID contactId,
      String from,
      String to,
      String note,
      String reason,
      String source,
      String byId,
      String byName,
      Instant at) {}

  public record SessionRecord(
      UUID contactId,
      String sessionId,
      String anonymousId,
      String channel,
      String campaign,
      String landingUrl,
      String referrer,
      Instant startedAt) {}

  public record SaleRecord(
      UUID contactId,
      String saleId,
      String orderId,
      BigDecimal amount,
      String currency,
      Instant occurredAt) {}

  /** A merge the person took part in, with what each side held before it. */
  public record MergeRecord(
      MergeView merge, ContactState survivorBefore, ContactState mergedState) {}

  public record SuggestionRecord(
      UUID id,
      UUID contactA,
      UUID contactB,
      String status,
      BigDecimal confidence,
      List<SuggestionReason> reasons,
      Instant createdAt) {}
}
