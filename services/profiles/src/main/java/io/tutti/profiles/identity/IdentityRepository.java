package io.tutti.profiles.identity;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class IdentityRepository implements PanacheRepositoryBase<ContactIdentity, UUID> {

  public Uni<ContactIdentity> find(String workspaceId, String channel, String externalId) {
    return find(
            "workspaceId = ?1 and channel = ?2 and externalId = ?3",
            workspaceId,
            channel,
            externalId)
        .firstResult();
  }

  public Uni<List<ContactIdentity>> ofContact(UUID contactId) {
    return list("contactId = ?1 order by firstSeenAt, id", contactId);
  }

  public Uni<List<ContactIdentity>> ofContacts(Collection<UUID> contactIds) {
    if (contactIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list("contactId in ?1 order by firstSeenAt, id", contactIds);
  }

  public Uni<List<ContactIdentity>> byIds(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list("id in ?1", ids);
  }

  /** The web identity of a website visitor id, which tutti.js and the chat widget share. */
  public Uni<ContactIdentity> ofVisitor(String workspaceId, String visitorId) {
    return find(workspaceId, "web", visitorId);
  }
}
