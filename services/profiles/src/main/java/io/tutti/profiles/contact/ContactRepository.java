package io.tutti.profiles.contact;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<Contact, UUID> {

  /** Merges of merges are followed this far; no workspace builds longer chains by hand. */
  private static final int MAX_MERGE_HOPS = 20;

  /** The workspace's contact, merged or not, or null when it does not exist there. */
  public Uni<Contact> findInWorkspace(String workspaceId, UUID id) {
    return find("workspaceId = ?1 and id = ?2", workspaceId, id).firstResult();
  }

  /** As {@link #findInWorkspace}, holding the row until the transaction ends. */
  public Uni<Contact> lockInWorkspace(String workspaceId, UUID id) {
    return find("workspaceId = ?1 and id = ?2", workspaceId, id)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult();
  }

  /**
   * The contact an id stands for now: itself, or the survivor of the merges that folded it. Null
   * when the id names no contact of the workspace.
   */
  public Uni<Contact> current(String workspaceId, UUID id) {
    return findInWorkspace(workspaceId, id).chain(contact -> follow(contact, 0));
  }

  /** As {@link #current}; a contact this workspace does not have is a 404. */
  public Uni<Contact> currentOrNotFound(String workspaceId, UUID id) {
    return current(workspaceId, id).onItem().ifNull().failWith(() -> Ids.contactNotFound(id));
  }

  /**
   * As {@link #current}, holding the contact's row until the transaction ends: what resolves
   * messages and records sessions writes the row, and must not overwrite an agent's edit made
   * meanwhile.
   */
  public Uni<Contact> currentForUpdate(String workspaceId, UUID id) {
    return lockInWorkspace(workspaceId, id).chain(contact -> followLocking(contact, 0));
  }

  private Uni<Contact> follow(Contact contact, int hops) {
    if (contact == null || contact.isActive() || hops >= MAX_MERGE_HOPS) {
      return Uni.createFrom().item(contact);
    }
    return findById(contact.mergedInto).chain(next -> follow(next, hops + 1));
  }

  private Uni<Contact> followLocking(Contact contact, int hops) {
    if (contact == null || contact.isActive() || hops >= MAX_MERGE_HOPS) {
      return Uni.createFrom().item(contact);
    }
    return lockInWorkspace(contact.workspaceId, contact.mergedInto)
        .chain(next -> followLocking(next, hops + 1));
  }

  /**
   * The contact and every contact merged into it, directly or through merges of merges: the one
   * person whose history the timeline and the export show.
   */
  public Uni<List<UUID>> family(UUID rootId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .<UUID>createNativeQuery(
                        "with recursive family(id) as (select cast(?1 as uuid) union select c.id"
                            + " from contact c join family f on c.merged_into = f.id) select id"
                            + " from family")
                    .setParameter(1, rootId)
                    .getResultList());
  }

  /**
   * The workspace's contacts, not merged away, that hold a handle or link key: by a handle someone
   * or a channel gave them, or by an identity that proves it. Oldest first.
   */
  public Uni<List<Contact>> holders(String workspaceId, String kind, String value, String linkKey) {
    return list(
        "workspaceId = ?1 and mergedInto is null and (id in (select h.contactId from"
            + " ContactHandle h where h.workspaceId = ?1 and h.kind = ?2 and h.value = ?3 and"
            + " h.channel = '') or id in (select i.contactId from ContactIdentity i where"
            + " i.workspaceId = ?1 and i.linkKey = ?4)) order by createdAt, id",
        workspaceId,
        kind,
        value,
        linkKey);
  }

  /** Other contacts of the workspace with the same name and the same value of a field. */
  public Uni<List<Contact>> sameNameAnd(
      String workspaceId, UUID except, String name, String field, String value) {
    if (!field.equals("company") && !field.equals("city")) {
      throw new IllegalArgumentException("no such field " + field);
    }
    return list(
        "workspaceId = ?1 and mergedInto is null and id <> ?2 and lower(name) = lower(?3) and"
            + " lower("
            + field
            + ") = lower(?4) order by createdAt, id",
        workspaceId,
        except,
        name,
        value);
  }
}
