package io.tutti.conversations.contact;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ContactIdentityRepository
    implements PanacheRepositoryBase<ContactIdentity, ContactIdentity.Key> {

  /** Advisory lock space of identities; the routing rules' order has its own. */
  private static final int LOCK_SPACE = 7202;

  /**
   * Serialises, until the transaction ends, what opens a conversation of this identity with what
   * points the identity at a contact. Without it a conversation opened while profiles' {@code
   * contact.resolved} is handled misses the contact for good: the opening reads no link yet, and
   * the link's handler finds no conversation yet to point.
   */
  public Uni<Void> lock(String workspaceId, String channel, String externalContactId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select 1 from (select pg_advisory_xact_lock(:space,"
                            + " hashtext(:identity))) as locked")
                    .setParameter("space", LOCK_SPACE)
                    .setParameter(
                        "identity", workspaceId + "\n" + channel + "\n" + externalContactId)
                    .getSingleResult())
        .replaceWithVoid();
  }

  /** The contact profiles resolved this identity to, or null when it has not yet. */
  public Uni<String> contactOf(String workspaceId, String channel, String externalContactId) {
    return findById(new ContactIdentity.Key(workspaceId, channel, externalContactId))
        .map(identity -> identity == null ? null : identity.contactId);
  }

  public Uni<List<ContactIdentity>> ofContact(String workspaceId, String contactId) {
    return list("key.workspaceId = ?1 and contactId = ?2", workspaceId, contactId);
  }
}
