package io.tutti.profiles.contact;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.events.UuidV7;
import io.tutti.profiles.config.ProfilesConfig;
import io.tutti.profiles.identity.ContactHandle;
import io.tutti.profiles.identity.ContactIdentity;
import io.tutti.profiles.identity.Emails;
import io.tutti.profiles.identity.Handle;
import io.tutti.profiles.identity.HandleRepository;
import io.tutti.profiles.identity.IdentityRepository;
import io.tutti.profiles.identity.PhoneNumbers;
import io.tutti.profiles.merge.ContactMerge;
import io.tutti.profiles.merge.ContactMergeRepository;
import io.tutti.profiles.merge.MergeSuggestions;
import io.tutti.profiles.messaging.ContactEvents;
import io.tutti.profiles.search.SearchText;
import io.tutti.web.problem.Problem;
import io.tutti.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads contacts as agents see them and applies their edits. */
@ApplicationScoped
public class ContactService {

  private static final Pattern LANGUAGE_TAG =
      Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}");
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private final ContactRepository contacts;
  private final IdentityRepository identities;
  private final HandleRepository handles;
  private final ContactMergeRepository merges;
  private final PhoneNumbers phones;
  private final SearchText searchText;
  private final MergeSuggestions suggestions;
  private final ContactEvents events;
  private final ProfilesConfig config;

  public ContactService(
      ContactRepository contacts,
      IdentityRepository identities,
      HandleRepository handles,
      ContactMergeRepository merges,
      PhoneNumbers phones,
      SearchText searchText,
      MergeSuggestions suggestions,
      ContactEvents events,
      ProfilesConfig config) {
    this.contacts = contacts;
    this.identities = identities;
    this.handles = handles;
    this.merges = merges;
    this.phones = phones;
    this.searchText = searchText;
    this.suggestions = suggestions;
    this.events = events;
    this.config = config;
  }

  /**
   * The contact, or the one it was merged into: an id conversations or a bookmark kept from before
   * a merge still shows the person.
   */
  @WithSession
  public Uni<ContactView> get(String workspaceId, UUID id) {
    return contacts.currentOrNotFound(workspaceId, id).chain(this::view);
  }

  @WithTransaction
  public Uni<ContactView> update(String workspaceId, UUID id, ContactUpdate update) {
    Edit edit = read(update);
    return editable(workspaceId, id)
        .chain(
            contact -> {
              Instant now = Ids.now();
              boolean placeChanged = edit.apply(contact);
              boolean announced = edit.announced(contact);
              contact.updatedAt = now;
              return handles
                  .ofContact(contact.id)
                  .chain(held -> replaceHandles(contact, held, edit.handles, now))
                  .chain(
                      change ->
                          identities
                              .ofContact(contact.id)
                              .invoke(
                                  all ->
                                      contact.searchText =
                                          searchText.of(contact, change.held(), all))
                              .chain(() -> suggestions.forHandles(contact, change.added()))
                              .chain(
                                  () ->
                                      placeChanged
                                          ? suggestions.forNameAndPlace(contact)
                                          : Uni.createFrom().voidItem())
                              .chain(
                                  () ->
                                      announced || change.changed()
                                          ? events.updated(contact, change.held(), null)
                                          : Uni.createFrom().voidItem()))
                  .chain(() -> view(contact));
            });
  }

  /**
   * Makes the contact's handles the given set, keeping the rows (and sources) of those it holds
   * already; with no set given, leaves them as they are.
   */
  private Uni<HandleChange> replaceHandles(
      Contact contact, List<ContactHandle> held, List<Handle> wanted, Instant now) {
    if (wanted == null) {
      return Uni.createFrom().item(new HandleChange(held, List.of(), false));
    }
    List<ContactHandle> removed =
        held.stream().filter(h -> wanted.stream().noneMatch(h::sameAs)).toList();
    List<Handle> added =
        wanted.stream().filter(w -> held.stream().noneMatch(h -> h.sameAs(w))).toList();
    List<ContactHandle> rows = added.stream().map(h -> handleRow(contact, h, now)).toList();
    List<ContactHandle> after = new ArrayList<>(held);
    after.removeAll(removed);
    after.addAll(rows);
    return InOrder.each(removed, handles::delete)
        .chain(() -> InOrder.each(rows, handles::persist))
        .replaceWith(new HandleChange(after, added, !removed.isEmpty() || !added.isEmpty()));
  }

  /** The handles after an edit, those it added, and whether it changed any. */
  private record HandleChange(List<ContactHandle> held, List<Handle> added, boolean changed) {}

  /**
   * The workspace's contact for a change, locked until the transaction ends.
   *
   * @throws ProblemException 404 when it is not the workspace's, 409 when it was merged away
   */
  public Uni<Contact> editable(String workspaceId, UUID id) {
    return contacts
        .lockInWorkspace(workspaceId, id)
        .onItem()
        .ifNull()
        .failWith(() -> Ids.contactNotFound(id))
        .invoke(
            contact -> {
              if (!contact.isActive()) {
                throw mergedAway(contact);
              }
            });
  }

  public static ProblemException mergedAway(Contact contact) {
    return new Problem(
            Problem.type("contact-merged"),
            "Contact merged",
            409,
            "Contact "
                + contact.id
                + " was merged into "
                + contact.mergedInto
                + "; change that contact, or unmerge them first.")
        .exception();
  }

  /** The contact as the API shows it, with its identities, handles and merges in force. */
  public Uni<ContactView> view(Contact contact) {
    // Changes of this transaction are written first, so the view shows what will be committed.
    return contacts
        .flush()
        .chain(() -> identities.ofContact(contact.id))
        .chain(
            ids ->
                handles
                    .ofContact(contact.id)
                    .chain(
                        held ->
                            merges
                                .inForceInto(contact.id)
                                .chain(
                                    folded ->
                                        names(folded)
                                            .map(byId -> view(contact, ids, held, folded, byId)))));
  }

  private Uni<Map<UUID, String>> names(List<ContactMerge> folded) {
    if (folded.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return contacts
        .list("id in ?1", folded.stream().map(m -> m.mergedId).toList())
        .map(
            found -> {
              Map<UUID, String> names = new HashMap<>();
              found.forEach(c -> names.put(c.id, c.name));
              return names;
            });
  }

  private ContactView view(
      Contact c,
      List<ContactIdentity> ids,
      List<ContactHandle> held,
      List<ContactMerge> folded,
      Map<UUID, String> names) {
    return new ContactView(
        c.id,
        c.name,
        c.avatarUrl,
        c.language,
        c.country,
        c.city,
        c.company,
        c.notes,
        c.stage,
        c.disqualifiedReason,
        c.ownerId == null ? null : new ContactView.Owner(c.ownerId, c.ownerName),
        checklist(c),
        ids.stream()
            .map(
                i ->
                    new ContactView.IdentityView(
                        i.channel,
                        i.externalId,
                        i.inboxId,
                        i.displayName,
                        i.handle,
                        i.firstSeenAt,
                        i.lastSeenAt))
            .toList(),
        held.stream().map(ContactService::handleView).toList(),
        c.attributes,
        c.firstTouch(),
        c.lastTouch(),
        folded.stream()
            .map(
                m ->
                    new ContactView.MergedContact(
                        m.id, m.mergedId, names.get(m.mergedId), m.byName, m.mergedAt))
            .toList(),
        c.createdAt,
        c.updatedAt);
  }

  public static ContactView.HandleView handleView(ContactHandle h) {
    return new ContactView.HandleView(
        h.kind, h.value, h.channel.isEmpty() ? null : h.channel, h.source);
  }

  /** Every configured item in order, then items set before the configuration dropped them. */
  private List<ContactView.ChecklistItem> checklist(Contact c) {
    Set<String> items = new LinkedHashSet<>(config.checklist());
    items.addAll(c.checklist.keySet());
    return items.stream()
        .map(
            item -> {
              ChecklistMark mark = c.checklist.get(item);
              return mark == null
                  ? new ContactView.ChecklistItem(item, false, null, null, null, null)
                  : new ContactView.ChecklistItem(
                      item, mark.checked(), mark.note(), mark.byId(), mark.byName(), mark.at());
            })
        .toList();
  }

  private static ContactHandle handleRow(Contact contact, Handle handle, Instant now) {
    ContactHandle row = new ContactHandle();
    row.id = UuidV7.next();
    row.workspaceId = contact.workspaceId;
    row.contactId = contact.id;
    row.kind = handle.kind();
    row.value = handle.value();
    row.channel = handle.channel();
    row.source = ContactHandle.SOURCE_AGENT;
    row.createdAt = now;
    return row;
  }

  /** Reads and checks the whole request before anything is touched, so errors come all at once. */
  private Edit read(ContactUpdate update) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Edit edit = new Edit();
    edit.name = update.name();
    edit.avatarUrl = update.avatarUrl();
    if (notBlank(edit.avatarUrl) && !isWebUrl(edit.avatarUrl.strip())) {
      errors.add(new Problem.FieldError("avatarUrl", "must be an http or https URL"));
    }
    edit.language = update.language();
    if (notBlank(edit.language)) {
      if (!LANGUAGE_TAG.matcher(edit.language.strip()).matches()) {
        errors.add(
            new Problem.FieldError("language", "must be a language tag such as en or pt-BR"));
      } else {
        edit.language = Locale.forLanguageTag(edit.language.strip()).toLanguageTag();
      }
    }
    edit.country = update.country();
    if (notBlank(edit.country)) {
      edit.country = edit.country.strip().toUpperCase(Locale.ROOT);
      if (!COUNTRIES.contains(edit.country)) {
        errors.add(
            new Problem.FieldError("country", "must be an ISO 3166 country code such as JP"));
      }
    }
    edit.city = update.city();
    edit.company = update.company();
    edit.notes = update.notes();
    if (update.handles() != null) {
      edit.handles = new ArrayList<>();
      for (int i = 0; i < update.handles().size(); i++) {
        ContactUpdate.HandleInput input = update.handles().get(i);
        String field = "handles[" + i + "]";
        Handle handle = handle(input, field, errors);
        if (handle != null && !edit.handles.contains(handle)) {
          edit.handles.add(handle);
        }
      }
    }
    if (update.attributes() != null) {
      edit.attributes = Attributes.read(update.attributes(), errors);
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors).exception();
    }
    return edit;
  }

  private Handle handle(
      ContactUpdate.HandleInput input, String field, List<Problem.FieldError> errors) {
    String value = input.value().strip();
    switch (input.kind()) {
      case ContactHandle.PHONE -> {
        var e164 = phones.e164(value);
        if (e164.isEmpty()) {
          errors.add(
              new Problem.FieldError(
                  field + ".value", "is not a phone number (add the country code, e.g. +81)"));
          return null;
        }
        return Handle.phone(e164.get());
      }
      case ContactHandle.EMAIL -> {
        var address = Emails.normalise(value);
        if (address.isEmpty()) {
          errors.add(new Problem.FieldError(field + ".value", "is not an email address"));
          return null;
        }
        return Handle.email(address.get());
      }
      case ContactHandle.USERNAME -> {
        String channel =
            input.channel() == null ? "" : input.channel().strip().toLowerCase(Locale.ROOT);
        String username = value.startsWith("@") ? value.substring(1) : value;
        if (channel.isEmpty()) {
          errors.add(new Problem.FieldError(field + ".channel", "is required for a username"));
          return null;
        }
        if (username.isBlank() || username.chars().anyMatch(Character::isWhitespace)) {
          errors.add(new Problem.FieldError(field + ".value", "must be one word"));
          return null;
        }
        return Handle.username(channel, username.toLowerCase(Locale.ROOT));
      }
      default -> {
        errors.add(
            new Problem.FieldError(
                field + ".kind",
                "must be one of "
                    + String.join(
                        ", ",
                        Arrays.asList(
                            ContactHandle.PHONE, ContactHandle.EMAIL, ContactHandle.USERNAME))));
        return null;
      }
    }
  }

  private static boolean isWebUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }

  /** A checked edit: null fields stay as they are, empty strings clear. */
  private static final class Edit {
    String name;
    String avatarUrl;
    String language;
    String country;
    String city;
    String company;
    String notes;
    List<Handle> handles;
    Map<String, AttributeValue> attributes;

    private String nameBefore;
    private Map<String, AttributeValue> attributesBefore;

    /**
     * Applies the edit.
     *
     * @return whether the name, company or city changed (what merge suggestions compare)
     */
    boolean apply(Contact c) {
      nameBefore = c.name;
      attributesBefore = c.attributes;
      String companyBefore = c.company;
      String cityBefore = c.city;
      c.name = pick(name, c.name);
      c.avatarUrl = pick(avatarUrl, c.avatarUrl);
      c.language = pick(language, c.language);
      c.country = pick(country, c.country);
      c.city = pick(city, c.city);
      c.company = pick(company, c.company);
      c.notes = notes == null ? c.notes : notes.isBlank() ? null : notes;
      if (attributes != null) {
        c.attributes = new LinkedHashMap<>(attributes);
      }
      return !Objects.equals(nameBefore, c.name)
          || !Objects.equals(companyBefore, c.company)
          || !Objects.equals(cityBefore, c.city);
    }

    /** Whether what {@code contact.updated} carries (name, attributes) changed. */
    boolean announced(Contact c) {
      return !Objects.equals(nameBefore, c.name) || !attributesBefore.equals(c.attributes);
    }

    private static String pick(String given, String current) {
      if (given == null) {
        return current;
      }
      return given.isBlank() ? null : given.strip();
    }
  }
}
