package io.tutti.profiles.identity;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class HandleRepository implements PanacheRepositoryBase<ContactHandle, UUID> {

  public Uni<List<ContactHandle>> ofContact(UUID contactId) {
    return list("contactId = ?1 order by createdAt, id", contactId);
  }

  public Uni<List<ContactHandle>> ofContacts(Collection<UUID> contactIds) {
    if (contactIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list("contactId in ?1 order by createdAt, id", contactIds);
  }
}
