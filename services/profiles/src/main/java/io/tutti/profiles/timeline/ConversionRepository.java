package io.tutti.profiles.timeline;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tutti.profiles.contact.Cursor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ConversionRepository implements PanacheRepositoryBase<Conversion, UUID> {

  public Uni<Conversion> bySaleId(String workspaceId, String saleId) {
    return find("workspaceId = ?1 and saleId = ?2", workspaceId, saleId).firstResult();
  }

  /** The contacts' sales before the cursor (all when null), newest first. */
  public Uni<List<Conversion>> before(Collection<UUID> contactIds, Cursor before, int limit) {
    if (before == null) {
      return find("contactId in ?1 order by occurredAt desc, id desc", contactIds)
          .page(0, limit)
          .list();
    }
    return find(
            "contactId in ?1 and (occurredAt < ?2 or (occurredAt = ?2 and id < ?3)) order by"
                + " occurredAt desc, id desc",
            contactIds,
            before.at(),
            before.id())
        .page(0, limit)
        .list();
  }

  public Uni<List<Conversion>> ofContacts(Collection<UUID> contactIds) {
    return list("contactId in ?1 order by occurredAt, id", contactIds);
  }
}
