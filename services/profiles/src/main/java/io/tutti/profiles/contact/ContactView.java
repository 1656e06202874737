package io.tutti.profiles.contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A contact as agents and sales reps see it.
 *
 * @param identities who the contact is on each channel
 * @param handles phone numbers (E.164), email addresses and usernames
 * @param checklist the qualification checklist, every configured item in order
 * @param firstTouch the earliest session or message that brought the contact
 * @param lastTouch the latest one
 * @param merges the merges in force that folded other contacts into this one, for unmerging
 */
public record ContactView(
    UUID id,
    String name,
    String avatarUrl,
    String language,
    String country,
    String city,
    String company,
    String notes,
    String stage,
    String disqualifiedReason,
    Owner owner,
    List<ChecklistItem> checklist,
    List<IdentityView> identities,
    List<HandleView> handles,
    Map<String, AttributeValue> attributes,
    Touch firstTouch,
    Touch lastTouch,
    List<MergedContact> merges,
    Instant createdAt,
    Instant updatedAt) {

  /** The lead owner: a user id (token subject) and their name. */
  public record Owner(String id, String name) {}

  /** One checklist item; {@code checked} false and the rest null while nobody has set it. */
  public record ChecklistItem(
      String item, boolean checked, String note, String byId, String byName, Instant at) {}

  /**
   * @param inboxId the inbox the customer wrote to last
   * @param name the name the channel shows
   * @param handle the phone, address or username the channel shows
   */
  public record IdentityView(
      String channel,
      String externalId,
      String inboxId,
      String name,
      String handle,
      Instant firstSeenAt,
      Instant lastSeenAt) {}

  /**
   * @param kind phone, email or username
   * @param channel the platform of a username; null for phones and emails
   * @param source the channel it came from, or {@code agent}
   */
  public record HandleView(String kind, String value, String channel, String source) {}

  /** A contact folded into this one by the merge {@code mergeId}. */
  public record MergedContact(
      UUID mergeId, UUID contactId, String name, String byName, Instant mergedAt) {}
}
