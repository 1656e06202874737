package io.tutti.profiles.identity;

import io.smallrye.mutiny.Uni;
import io.tutti.events.EventEnvelope;
import io.tutti.events.UuidV7;
import io.tutti.events.type.IdentityObserved;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.Referral;
import io.tutti.profiles.contact.Contact;
import io.tutti.profiles.contact.ContactRepository;
import io.tutti.profiles.contact.Ids;
import io.tutti.profiles.contact.InOrder;
import io.tutti.profiles.contact.Touch;
import io.tutti.profiles.merge.MergeSuggestions;
import io.tutti.profiles.messaging.ContactEvents;
import io.tutti.profiles.search.SearchText;
import io.tutti.profiles.stage.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Knows who wrote: resolves the sender of each {@code message.received}, and the person of each
 * {@code identity.observed} (a website visitor's identify call, an order's buyer), to a contact and
 * answers with {@code contact.resolved}, in the transaction of the consumer that called it.
 *
 * <ul>
 *   <li>A known identity (channel, external id) is its contact's.
 *   <li>A new identity whose channel proves a phone (WhatsApp, SMS, an order) or email (email, the
 *       address a chat visitor gave or a visitor identified with, an order) joins the oldest
 *       contact holding that phone or email: by an identity proving it or by a handle on the
 *       contact. This is the only linking done without a person.
 *   <li>Otherwise a new contact is created.
 * </ul>
 *
 * Handles the event shows are added to the contact, except an address or number a person gave for a
 * known identity (or beside the proof that linked it) that another contact already holds: that
 * becomes a merge suggestion, never a silent merge. Only messages are touches (first and last
 * touch); an observation is none.
 */
@ApplicationScoped
public class IdentityResolver {

  private final ContactRepository contacts;
  private final IdentityRepository identities;
  private final HandleRepository handles;
  private final Locks locks;
  private final PhoneNumbers phones;
  private final SearchText searchText;
  private final MergeSuggestions suggestions;
  private final ContactEvents events;

  public IdentityResolver(
      ContactRepository contacts,
      IdentityRepository identities,
      HandleRepository handles,
      Locks locks,
      PhoneNumbers phones,
      SearchText searchText,
      MergeSuggestions suggestions,
      ContactEvents events) {
    this.contacts = contacts;
    this.identities = identities;
    this.handles = handles;
    this.locks = locks;
    this.phones = phones;
    this.searchText = searchText;
    this.suggestions = suggestions;
    this.events = events;
  }

  /** Resolves the sender of a {@code message.received}: a touch of the contact. */
  public Uni<Void> resolve(EventEnvelope event) {
    MessageReceived message = (MessageReceived) event.payload();
    Sender sender = Sender.of(message, phones);
    Instant now = Ids.now();
    Instant sentAt =
        message.sentAt() == null ? now : message.sentAt().truncatedTo(ChronoUnit.MICROS);
    Occasion occasion =
        new Occasion(
            message.inboxId(),
            new Touch(sender.channel(), campaign(message.referral()), sentAt),
            message.text(),
            event.id().toString());
    return resolve(event, sender, occasion, now);
  }

  /**
   * Resolves the person of an {@code identity.observed} as a message sender is resolved, without a
   * touch, an inbox or a message.
   *
   * @throws IllegalArgumentException when the event is no identity.observed, names no identity on
   *     {@code web} or {@code shop}, or names a new identity and tells nothing of the person (no
   *     name, valid email or phone): a contact of nothing but an id helps nobody
   */
  public Uni<Void> observe(EventEnvelope event) {
    if (!(event.payload() instanceof IdentityObserved observed)) {
      return Uni.createFrom()
          .failure(new IllegalArgumentException(event.type() + " is no identity.observed"));
    }
    return resolve(event, Sender.of(observed, phones), Occasion.OBSERVATION, Ids.now());
  }

  private Uni<Void> resolve(EventEnvelope event, Sender sender, Occasion occasion, Instant now) {
    String workspaceId = event.workspaceId();
    return locks
        .lock(workspaceId, "identity:" + sender.key())
        .chain(() -> identities.find(workspaceId, sender.channel(), sender.externalId()))
        .chain(
            identity ->
                identity != null
                    ? known(workspaceId, identity, sender, occasion.inboxId(), now)
                    : firstSight(workspaceId, sender, occasion, now))
        .chain(resolution -> settle(event, sender, occasion, resolution, now));
  }

  private Uni<Resolution> known(
      String workspaceId, ContactIdentity identity, Sender sender, String inboxId, Instant now) {
    return contacts
        .currentForUpdate(workspaceId, identity.contactId)
        .map(
            contact -> {
              if (contact == null) {
                throw new IllegalStateException(
                    "identity " + identity.id + " points at no contact");
              }
              identity.contactId = contact.id;
              seen(identity, sender, inboxId, now);
              return new Resolution(contact, identity, false, null);
            });
  }

  private Uni<Resolution> firstSight(
      String workspaceId, Sender sender, Occasion occasion, Instant now) {
    if (!occasion.isMessage() && sender.tellsNothing()) {
      return Uni.createFrom()
          .failure(
              new IllegalArgumentException(
                  "identity.observed of a new identity "
                      + sender.channel()
                      + " without a name, email or phone"));
    }
    return linkable(workspaceId, sender.proofs())
        .chain(
            link -> {
              Contact existing = link == null ? null : link.contact();
              Contact contact = existing != null ? existing : newContact(workspaceId, now);
              ContactIdentity identity = new ContactIdentity();
              identity.id = UuidV7.next();
              identity.workspaceId = workspaceId;
              identity.contactId = contact.id;
              identity.channel = sender.channel();
              identity.externalId = sender.externalId();
              Handle linkedBy = link == null ? null : link.by();
              identity.linkKey =
                  linkedBy != null
                      ? linkedBy.linkKey()
                      : sender.proofs().isEmpty() ? null : sender.proofs().getFirst().linkKey();
              identity.firstSeenAt = now;
              seen(identity, sender, occasion.inboxId(), now);
              Uni<Contact> stored =
                  existing != null ? Uni.createFrom().item(contact) : contacts.persist(contact);
              return stored
                  .chain(() -> identities.persist(identity))
                  .map(i -> new Resolution(contact, identity, existing == null, linkedBy));
            });
  }

  /**
   * The oldest contact holding the first of the proofs that any contact holds, locked, with that
   * proof; null when none does. Every proof's key is locked first, in one order, so two identities
   * proving the same phone or email at once cannot both create a contact.
   */
  private Uni<Link> linkable(String workspaceId, List<Handle> proofs) {
    List<String> keys = proofs.stream().map(Handle::linkKey).distinct().sorted().toList();
    Uni<Void> locked = InOrder.each(keys, key -> locks.lock(workspaceId, key));
    return locked.chain(() -> firstHeld(workspaceId, proofs, 0));
  }

  private Uni<Link> firstHeld(String workspaceId, List<Handle> proofs, int index) {
    if (index >= proofs.size()) {
      return Uni.createFrom().nullItem();
    }
    Handle proof = proofs.get(index);
    return holders(workspaceId, proof)
        .chain(
            found ->
                found.isEmpty()
                    ? firstHeld(workspaceId, proofs, index + 1)
                    : contacts
                        .currentForUpdate(workspaceId, found.getFirst().id)
                        .map(contact -> new Link(contact, proof)));
  }

  /** Fills in what the event tells about the contact, then announces the resolution. */
  private Uni<Void> settle(
      EventEnvelope event, Sender sender, Occasion occasion, Resolution resolution, Instant now) {
    Contact contact = resolution.contact();
    boolean named = contact.name == null && sender.name() != null;
    if (named) {
      contact.name = sender.name();
    }
    if (occasion.touch() != null) {
      contact.touched(occasion.touch());
    }
    return handles
        .ofContact(contact.id)
        .chain(
            before ->
                addHandles(contact, resolution, sender, before, now)
                    .chain(
                        held -> {
                          boolean changed =
                              resolution.created()
                                  || resolution.linked()
                                  || named
                                  || held.size() > before.size();
                          return (changed
                                  ? reindex(contact, resolution.identity(), held, now)
                                  : Uni.createFrom().voidItem())
                              .chain(() -> suggestions.fromMessage(contact, occasion.text()))
                              .chain(
                                  () ->
                                      events.resolved(
                                          resolution.identity(),
                                          occasion.inboxId(),
                                          resolution.created(),
                                          occasion.messageEventId(),
                                          event.correlationId()))
                              .chain(
                                  () ->
                                      changed
                                          ? events.updated(contact, held, event.correlationId())
                                          : Uni.createFrom().voidItem());
                        }));
  }

  private Uni<Void> reindex(
      Contact contact, ContactIdentity identity, List<ContactHandle> held, Instant now) {
    return identities
        .ofContact(contact.id)
        .invoke(
            stored -> {
              List<ContactIdentity> all = new ArrayList<>(stored);
              if (all.stream().noneMatch(i -> i.id.equals(identity.id))) {
                all.add(identity);
              }
              contact.searchText = searchText.of(contact, held, all);
              contact.updatedAt = now;
            })
        .replaceWithVoid();
  }

  /**
   * Adds the message's handles the contact does not hold yet; answers every handle it holds after.
   */
  private Uni<List<ContactHandle>> addHandles(
      Contact contact,
      Resolution resolution,
      Sender sender,
      List<ContactHandle> held,
      Instant now) {
    List<ContactHandle> all = new ArrayList<>(held);
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Handle handle : sender.handles()) {
      if (all.stream().anyMatch(h -> h.sameAs(handle))) {
        continue;
      }
      boolean given =
          !resolution.created() && !handle.equals(resolution.linkedBy()) && sender.gave(handle);
      chain =
          chain.chain(
              () -> {
                if (!given) {
                  return persistHandle(contact, handle, sender.channel(), now, all);
                }
                return holders(contact.workspaceId, handle)
                    .chain(
                        others -> {
                          List<Contact> elsewhere =
                              others.stream().filter(c -> !c.id.equals(contact.id)).toList();
                          if (elsewhere.isEmpty()) {
                            return persistHandle(contact, handle, sender.channel(), now, all);
                          }
                          return sender.channel().equals(IdentityObserved.CHANNEL_SHOP)
                              ? suggestions.buyerIdentified(contact, handle.value(), elsewhere)
                              : suggestions.visitorIdentified(contact, handle.value(), elsewhere);
                        });
              });
    }
    return chain.replaceWith(() -> all);
  }

  private Uni<Void> persistHandle(
      Contact contact, Handle handle, String source, Instant now, List<ContactHandle> all) {
    ContactHandle row = new ContactHandle();
    row.id = UuidV7.next();
    row.workspaceId = contact.workspaceId;
    row.contactId = contact.id;
    row.kind = handle.kind();
    row.value = handle.value();
    row.channel = handle.channel();
    row.source = source;
    row.createdAt = now;
    all.add(row);
    return handles.persist(row).replaceWithVoid();
  }

  private Uni<List<Contact>> holders(String workspaceId, Handle handle) {
    return contacts.holders(workspaceId, handle.kind(), handle.value(), handle.linkKey());
  }

  private static void seen(ContactIdentity identity, Sender sender, String inboxId, Instant now) {
    identity.lastSeenAt = now;
    if (inboxId != null && !inboxId.isBlank()) {
      identity.inboxId = inboxId;
    }
    if (sender.name() != null) {
      identity.displayName = sender.name();
    }
    if (sender.handle() != null) {
      identity.handle = sender.handle();
    }
  }

  private static Contact newContact(String workspaceId, Instant now) {
    Contact contact = new Contact();
    contact.id = UuidV7.next();
    contact.workspaceId = workspaceId;
    contact.stage = Stage.NEW.id();
    contact.createdAt = now;
    contact.updatedAt = now;
    return contact;
  }

  /** The campaign an ad or link names, by the platform's own field first, else utm_campaign. */
  private static String campaign(Referral referral) {
    if (referral == null) {
      return null;
    }
    if (referral.campaign() != null && !referral.campaign().isBlank()) {
      return referral.campaign();
    }
    return referral.utm() == null ? null : referral.utm().get("utm_campaign");
  }

  /**
   * @param linkedBy the proof by which a new identity joined an existing contact; null when it did
   *     not
   */
  private record Resolution(
      Contact contact, ContactIdentity identity, boolean created, Handle linkedBy) {

    boolean linked() {
      return linkedBy != null;
    }
  }

  /** The contact a new identity joins, and the proof it joins by. */
  private record Link(Contact contact, Handle by) {}

  /**
   * What brought the identity here: a message (its inbox, the touch it is, its text and event id),
   * or an observation outside any conversation, which has none of them.
   */
  private record Occasion(String inboxId, Touch touch, String text, String messageEventId) {

    static final Occasion OBSERVATION = new Occasion(null, null, null, null);

    boolean isMessage() {
      return messageEventId != null;
    }
  }
}
