package io.tutti.conversations.contact;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ContactIdentityRepository
    implements PanacheRepositoryBase<ContactIdentity, ContactIdentity.Key> {

  /** The contact profiles resolved this identity to, or null when it has not yet. */
  public Uni<String> contactOf(String workspaceId, String channel, String externalContactId) {
    return findById(new ContactIdentity.Key(workspaceId, channel, externalContactId))
        .map(identity -> identity == null ? null : identity.contactId);
  }

  public Uni<List<ContactIdentity>> ofContact(String workspaceId, String contactId) {
    return list("key.workspaceId = ?1 and contactId = ?2", workspaceId, contactId);
  }
}
