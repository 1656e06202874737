package io.tutti.conversations.contact;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class ContactProfileRepository
    implements PanacheRepositoryBase<ContactProfile, ContactProfile.Key> {

  /** The contact's profile, or null when profiles has told nothing of it yet. */
  public Uni<ContactProfile> of(String workspaceId, String contactId) {
    return findById(new ContactProfile.Key(workspaceId, contactId));
  }

  /** The same, locked: two events of one contact are applied one after the other. */
  public Uni<ContactProfile> lock(String workspaceId, String contactId) {
    return findById(new ContactProfile.Key(workspaceId, contactId), LockModeType.PESSIMISTIC_WRITE);
  }
}
