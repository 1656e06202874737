package io.tutti.profiles.identity;

import io.smallrye.mutiny.Uni;
import io.tutti.events.EventEnvelope;
import io.tutti.events.UuidV7;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.Referral;
import io.tutti.profiles.contact.Contact;
import io.tutti.profiles.contact.ContactRepository;
import io.tutti.profiles.contact.Ids;
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
 * Knows who wrote: resolves the sender of each {@code message.received} to a contact and answers
 * with {@code contact.resolved}, in the transaction of the consumer that called it.
 *
 * <ul>
 *   <li>A known identity (channel, external id) is its contact's.
 *   <li>A new identity whose channel proves a phone (WhatsApp, SMS) or email (email, or the address
 *       a chat visitor gave) joins the oldest contact holding that phone or email: by an identity
 *       proving it or by a handle on the contact. This is the only linking done without a person.
 *   <li>Otherwise a new contact is created.
 * </ul>
 *
 * Handles the message shows are added to the contact, except an address a known website visitor
 * gives that another contact already holds: that becomes a merge suggestion, never a silent merge.
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

  public Uni<Void> resolve(EventEnvelope event) {
    MessageReceived message = (MessageReceived) event.payload();
    Sender sender = Sender.of(message, phones);
    String workspaceId = event.workspaceId();
    Instant now = Ids.now();
    Instant sentAt =
        message.sentAt() == null ? now : message.sentAt().truncatedTo(ChronoUnit.MICROS);
    return locks
        .lock(workspaceId, "identity:" + sender.key())
        .chain(() -> identities.find(workspaceId, sender.channel(), sender.externalId()))
        .chain(
            identity ->
                identity != null
                    ? known(workspaceId, identity, sender, message.inboxId(), now)
                    : firstMessage(workspaceId, sender, message.inboxId(), now))
        .chain(resolution -> settle(event, message, sender, resolution, sentAt, now));
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
              return new Resolution(contact, identity, false, false);
            });
  }

  private Uni<Resolution> firstMessage(
      String workspaceId, Sender sender, String inboxId, Instant now) {
    Uni<Contact> linked =
        sender.linkKey() == null
            ? Uni.createFrom().nullItem()
            : locks
                .lock(workspaceId, sender.linkKey())
                .chain(() -> holders(workspaceId, sender.proved()))
                .chain(
                    found ->
                        found.isEmpty()
                            ? Uni.createFrom().<Contact>nullItem()
                            : contacts.currentForUpdate(workspaceId, found.getFirst().id));
    return linked.chain(
        existing -> {
          Contact contact = existing != null ? existing : newContact(workspaceId, now);
          ContactIdentity identity = new ContactIdentity();
          identity.id = UuidV7.next();
          identity.workspaceId = workspaceId;
          identity.contactId = contact.id;
          identity.channel = sender.channel();
          identity.externalId = sender.externalId();
          identity.linkKey = sender.linkKey();
          identity.firstSeenAt = now;
          seen(identity, sender, inboxId, now);
          Uni<Contact> stored =
              existing != null ? Uni.createFrom().item(contact) : contacts.persist(contact);
          return stored
              .chain(() -> identities.persist(identity))
              .map(i -> new Resolution(contact, identity, existing == null, existing != null));
        });
  }

  /** Fills in what the message tells about the contact, then announces the resolution. */
  private Uni<Void> settle(
      EventEnvelope event,
      MessageReceived message,
      Sender sender,
      Resolution resolution,
      Instant sentAt,
      Instant now) {
    Contact contact = resolution.contact();
    boolean named = contact.name == null && sender.name() != null;
    if (named) {
      contact.name = sender.name();
    }
    contact.touched(new Touch(sender.channel(), campaign(message.referral()), sentAt));
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
                              .chain(() -> suggestions.fromMessage(contact, message.text()))
                              .chain(
                                  () ->
                                      events.resolved(
                                          resolution.identity(),
                                          message.inboxId(),
                                          resolution.created(),
                                          event.id().toString(),
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
      boolean visitorIdentifies =
          !resolution.created()
              && !resolution.linked()
              && sender.channel().equals("web")
              && handle.kind().equals(ContactHandle.EMAIL);
      chain =
          chain.chain(
              () -> {
                if (!visitorIdentifies) {
                  return persistHandle(contact, handle, sender.channel(), now, all);
                }
                return holders(contact.workspaceId, handle)
                    .chain(
                        others -> {
                          List<Contact> elsewhere =
                              others.stream().filter(c -> !c.id.equals(contact.id)).toList();
                          return elsewhere.isEmpty()
                              ? persistHandle(contact, handle, sender.channel(), now, all)
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
   * @param linked a new identity joined an existing contact
   */
  private record Resolution(
      Contact contact, ContactIdentity identity, boolean created, boolean linked) {}
}
