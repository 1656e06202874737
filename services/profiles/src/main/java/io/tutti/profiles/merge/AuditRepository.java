package io.tutti.profiles.merge;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tutti.profiles.contact.Cursor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, UUID> {

  /** The workspace's entries before the cursor, newest first, optionally about one contact. */
  public Uni<List<AuditEntry>> page(String workspaceId, UUID contactId, Cursor before, int limit) {
    StringBuilder query = new StringBuilder("workspaceId = ?1");
    List<Object> parameters = new ArrayList<>(List.of(workspaceId));
    if (contactId != null) {
      parameters.add(contactId);
      query.append(" and (contactId = ?2 or otherContactId = ?2)");
    }
    if (before != null) {
      parameters.add(before.at());
      parameters.add(before.id());
      int at = parameters.size() - 1;
      query
          .append(" and (at < ?")
          .append(at)
          .append(" or (at = ?")
          .append(at)
          .append(" and id < ?")
          .append(at + 1)
          .append("))");
    }
    query.append(" order by at desc, id desc");
    return find(query.toString(), parameters.toArray()).page(0, limit).list();
  }

  /** The merges and unmerges of these contacts, either side, before the cursor; newest first. */
  public Uni<List<AuditEntry>> mergesBefore(Collection<UUID> contactIds, Cursor before, int limit) {
    String involving =
        "action in ('merge', 'unmerge') and (contactId in ?1 or otherContactId in ?1)";
    if (before == null) {
      return find(involving + " order by at desc, id desc", contactIds).page(0, limit).list();
    }
    return find(
            involving + " and (at < ?2 or (at = ?2 and id < ?3)) order by at desc, id desc",
            contactIds,
            before.at(),
            before.id())
        .page(0, limit)
        .list();
  }

  public Uni<List<AuditEntry>> involving(Collection<UUID> contactIds) {
    return list("contactId in ?1 or otherContactId in ?1 order by at, id", contactIds);
  }
}
