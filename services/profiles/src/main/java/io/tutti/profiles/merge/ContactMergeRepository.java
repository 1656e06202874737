package io.tutti.profiles.merge;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ContactMergeRepository implements PanacheRepositoryBase<ContactMerge, UUID> {

  public Uni<ContactMerge> lockInWorkspace(String workspaceId, UUID id) {
    return find("workspaceId = ?1 and id = ?2", workspaceId, id)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult();
  }

  /** The merges in force that folded contacts into this one, oldest first. */
  public Uni<List<ContactMerge>> inForceInto(UUID survivorId) {
    return list("survivorId = ?1 and unmergedAt is null order by mergedAt, id", survivorId);
  }

  public Uni<List<ContactMerge>> involving(Collection<UUID> contactIds) {
    if (contactIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list("survivorId in ?1 or mergedId in ?1 order by mergedAt, id", contactIds);
  }
}
