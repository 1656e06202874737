package io.tutti.profiles.stage;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tutti.profiles.contact.Cursor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class StageChangeRepository implements PanacheRepositoryBase<StageChange, UUID> {

  /** The contacts' changes before the cursor (all when null), newest first. */
  public Uni<List<StageChange>> before(Collection<UUID> contactIds, Cursor before, int limit) {
    if (before == null) {
      return find("contactId in ?1 order by at desc, id desc", contactIds).page(0, limit).list();
    }
    return find(
            "contactId in ?1 and (at < ?2 or (at = ?2 and id < ?3)) order by at desc, id desc",
            contactIds,
            before.at(),
            before.id())
        .page(0, limit)
        .list();
  }

  public Uni<List<StageChange>> ofContacts(Collection<UUID> contactIds) {
    return list("contactId in ?1 order by at, id", contactIds);
  }
}
