package io.tutti.profiles.merge;

import io.smallrye.mutiny.Uni;
import io.tutti.events.UuidV7;
import io.tutti.profiles.contact.Contact;
import io.tutti.profiles.contact.ContactRepository;
import io.tutti.profiles.contact.Ids;
import io.tutti.profiles.contact.InOrder;
import io.tutti.profiles.identity.ContactHandle;
import io.tutti.profiles.identity.Emails;
import io.tutti.profiles.identity.Handle;
import io.tutti.profiles.identity.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Finds contacts that may be one person and records why, never merging them: a person decides
 * (ARCHITECTURE.md; wrong silent merges are what users of other inboxes complain about).
 *
 * <p>Confidence of each reason: someone gave a contact a phone or email another contact holds,
 * 0.95; a customer wrote an email address, 0.85, or a phone number, 0.75, that another contact
 * holds; a website visitor identified with another contact's email, or a shop buyer's order gave
 * another contact's email or phone, 0.80; the same name and the same company, 0.60, or the same
 * name and city, 0.40. A pair's confidence is its strongest reason.
 */
@ApplicationScoped
public class MergeSuggestions {

  static final BigDecimal SAME_HANDLE = new BigDecimal("0.95");
  static final BigDecimal MENTIONED_EMAIL = new BigDecimal("0.85");
  static final BigDecimal MENTIONED_PHONE = new BigDecimal("0.75");
  static final BigDecimal PERSON_IDENTIFIED = new BigDecimal("0.80");
  static final BigDecimal SAME_NAME_AND_COMPANY = new BigDecimal("0.60");
  static final BigDecimal SAME_NAME_AND_CITY = new BigDecimal("0.40");

  /** A message longer than this is only searched this far for addresses and numbers. */
  private static final int MAX_TEXT_SCANNED = 5_000;

  private final MergeSuggestionRepository suggestions;
  private final ContactRepository contacts;
  private final PhoneNumbers phones;

  public MergeSuggestions(
      MergeSuggestionRepository suggestions, ContactRepository contacts, PhoneNumbers phones) {
    this.suggestions = suggestions;
    this.contacts = contacts;
    this.phones = phones;
  }

  /** A customer's message names an email address or phone number that another contact holds. */
  public Uni<Void> fromMessage(Contact contact, String text) {
    if (text == null || text.isBlank()) {
      return Uni.createFrom().voidItem();
    }
    String scanned = text.length() > MAX_TEXT_SCANNED ? text.substring(0, MAX_TEXT_SCANNED) : text;
    List<Mention> mentions = new ArrayList<>();
    Emails.findIn(scanned)
        .forEach(
            email ->
                mentions.add(
                    new Mention(
                        Handle.email(email),
                        SuggestionReason.MESSAGE_MENTIONS_EMAIL,
                        MENTIONED_EMAIL)));
    phones
        .findIn(scanned)
        .forEach(
            phone ->
                mentions.add(
                    new Mention(
                        Handle.phone(phone),
                        SuggestionReason.MESSAGE_MENTIONS_PHONE,
                        MENTIONED_PHONE)));
    return each(mentions, mention -> withHolders(contact, mention));
  }

  /** Someone gave the contact handles; other contacts holding the same ones may be the same. */
  public Uni<Void> forHandles(Contact contact, List<Handle> added) {
    List<Mention> mentions = new ArrayList<>();
    for (Handle handle : added) {
      if (handle.kind().equals(ContactHandle.EMAIL)) {
        mentions.add(new Mention(handle, SuggestionReason.SAME_EMAIL, SAME_HANDLE));
      } else if (handle.kind().equals(ContactHandle.PHONE)) {
        mentions.add(new Mention(handle, SuggestionReason.SAME_PHONE, SAME_HANDLE));
      }
    }
    return each(mentions, mention -> withHolders(contact, mention));
  }

  /** A known website visitor gave an email address that other contacts hold. */
  public Uni<Void> visitorIdentified(Contact visitor, String email, List<Contact> holders) {
    return identified(visitor, SuggestionReason.WEB_VISITOR_IDENTIFIED, email, holders);
  }

  /**
   * A known shop buyer's order, or the order of a buyer who joined a contact by its other proof,
   * gave an email address or phone number that other contacts hold.
   */
  public Uni<Void> buyerIdentified(Contact buyer, String emailOrPhone, List<Contact> holders) {
    return identified(buyer, SuggestionReason.SHOP_BUYER_IDENTIFIED, emailOrPhone, holders);
  }

  private Uni<Void> identified(
      Contact contact, String reason, String detail, List<Contact> holders) {
    return each(
        holders,
        holder ->
            suggest(
                contact,
                holder.id,
                new SuggestionReason(reason, detail, PERSON_IDENTIFIED, Ids.now())));
  }

  /** Other contacts with the same name and the same company or city. */
  public Uni<Void> forNameAndPlace(Contact contact) {
    if (contact.name == null || contact.name.isBlank()) {
      return Uni.createFrom().voidItem();
    }
    Uni<Void> company =
        contact.company == null || contact.company.isBlank()
            ? Uni.createFrom().voidItem()
            : contacts
                .sameNameAnd(
                    contact.workspaceId, contact.id, contact.name, "company", contact.company)
                .chain(
                    found ->
                        each(
                            found,
                            other ->
                                suggest(
                                    contact,
                                    other.id,
                                    new SuggestionReason(
                                        SuggestionReason.SAME_NAME_AND_COMPANY,
                                        contact.name + ", " + contact.company,
                                        SAME_NAME_AND_COMPANY,
                                        Ids.now()))));
    return company.chain(
        () ->
            contact.city == null || contact.city.isBlank()
                ? Uni.createFrom().voidItem()
                : contacts
                    .sameNameAnd(
                        contact.workspaceId, contact.id, contact.name, "city", contact.city)
                    .chain(
                        found ->
                            each(
                                found,
                                other ->
                                    suggest(
                                        contact,
                                        other.id,
                                        new SuggestionReason(
                                            SuggestionReason.SAME_NAME_AND_CITY,
                                            contact.name + ", " + contact.city,
                                            SAME_NAME_AND_CITY,
                                            Ids.now())))));
  }

  /**
   * Records the reason on the pair's suggestion, opening one when there is none. A pair someone
   * already dismissed or merged stays decided.
   */
  public Uni<Void> suggest(Contact contact, UUID otherId, SuggestionReason reason) {
    if (contact.id.equals(otherId)) {
      return Uni.createFrom().voidItem();
    }
    return suggestions
        .ofPair(contact.workspaceId, contact.id, otherId)
        .chain(
            known -> {
              Instant now = Ids.now();
              if (known != null) {
                if (!MergeSuggestion.OPEN.equals(known.status)
                    || known.reasons.stream().anyMatch(reason::sameAs)) {
                  return Uni.createFrom().voidItem();
                }
                List<SuggestionReason> reasons = new ArrayList<>(known.reasons);
                reasons.add(reason);
                known.reasons = reasons;
                known.confidence = known.confidence.max(reason.confidence());
                known.updatedAt = now;
                return Uni.createFrom().voidItem();
              }
              MergeSuggestion suggestion = new MergeSuggestion();
              suggestion.id = UuidV7.next();
              suggestion.workspaceId = contact.workspaceId;
              suggestion.contactA = MergeSuggestionRepository.lower(contact.id, otherId);
              suggestion.contactB = suggestion.contactA.equals(contact.id) ? otherId : contact.id;
              suggestion.status = MergeSuggestion.OPEN;
              suggestion.confidence = reason.confidence();
              suggestion.reasons = new ArrayList<>(List.of(reason));
              suggestion.createdAt = now;
              suggestion.updatedAt = now;
              return suggestions.persist(suggestion).replaceWithVoid();
            });
  }

  private Uni<Void> withHolders(Contact contact, Mention mention) {
    return contacts
        .holders(
            contact.workspaceId,
            mention.handle().kind(),
            mention.handle().value(),
            mention.handle().linkKey())
        .chain(
            holders ->
                each(
                    holders,
                    holder ->
                        suggest(
                            contact,
                            holder.id,
                            new SuggestionReason(
                                mention.reason(),
                                mention.handle().value(),
                                mention.confidence(),
                                Ids.now()))));
  }

  private static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> step) {
    return InOrder.each(items, step);
  }

  private record Mention(Handle handle, String reason, BigDecimal confidence) {}
}
