package io.tutti.profiles.timeline;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tutti.profiles.contact.Cursor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class WebSessionRepository implements PanacheRepositoryBase<WebSession, UUID> {

  public Uni<WebSession> bySessionId(String workspaceId, String sessionId) {
    return find("workspaceId = ?1 and sessionId = ?2", workspaceId, sessionId).firstResult();
  }

  /** The contacts' sessions before the cursor (all when null), newest first. */
  public Uni<List<WebSession>> before(Collection<UUID> contactIds, Cursor before, int limit) {
    if (before == null) {
      return find("contactId in ?1 order by startedAt desc, id desc", contactIds)
          .page(0, limit)
          .list();
    }
    return find(
            "contactId in ?1 and (startedAt < ?2 or (startedAt = ?2 and id < ?3)) order by"
                + " startedAt desc, id desc",
            contactIds,
            before.at(),
            before.id())
        .page(0, limit)
        .list();
  }

  public Uni<List<WebSession>> ofContacts(Collection<UUID> contactIds) {
    return list("contactId in ?1 order by startedAt, id", contactIds);
  }
}
