package io.tutti.profiles.contact;

import io.smallrye.mutiny.Uni;
import io.tutti.profiles.identity.ContactHandle;
import io.tutti.profiles.identity.ContactIdentity;
import io.tutti.profiles.identity.HandleRepository;
import io.tutti.profiles.identity.IdentityRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Turns a page of contacts into list items, reading their identities and handles at once. */
@ApplicationScoped
public class ContactSummaries {

  private final IdentityRepository identities;
  private final HandleRepository handles;

  public ContactSummaries(IdentityRepository identities, HandleRepository handles) {
    this.identities = identities;
    this.handles = handles;
  }

  public Uni<List<ContactSummary>> of(List<Contact> contacts) {
    List<UUID> ids = contacts.stream().map(c -> c.id).toList();
    return identities
        .ofContacts(ids)
        .chain(
            ofAll ->
                handles
                    .ofContacts(ids)
                    .map(held -> contacts.stream().map(c -> summary(c, ofAll, held)).toList()));
  }

  private static ContactSummary summary(
      Contact c, List<ContactIdentity> identities, List<ContactHandle> handles) {
    List<ContactIdentity> own = identities.stream().filter(i -> i.contactId.equals(c.id)).toList();
    List<ContactHandle> held = handles.stream().filter(h -> h.contactId.equals(c.id)).toList();
    return new ContactSummary(
        c.id,
        c.name,
        c.avatarUrl,
        c.company,
        c.stage,
        c.ownerId,
        c.ownerName,
        own.stream().map(i -> i.channel).distinct().toList(),
        values(held, ContactHandle.EMAIL),
        values(held, ContactHandle.PHONE),
        own.stream().map(i -> i.lastSeenAt).max(Instant::compareTo).orElse(null),
        c.createdAt);
  }

  private static List<String> values(List<ContactHandle> handles, String kind) {
    return handles.stream().filter(h -> h.kind.equals(kind)).map(h -> h.value).toList();
  }
}
