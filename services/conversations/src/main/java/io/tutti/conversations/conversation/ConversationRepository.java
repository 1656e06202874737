package io.tutti.conversations.conversation;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ConversationRepository implements PanacheRepositoryBase<Conversation, UUID> {

  /** The workspace's conversation, or null when it does not exist or is another workspace's. */
  public Uni<Conversation> findInWorkspace(String workspaceId, UUID id) {
    return find("workspaceId = ?1 and id = ?2", workspaceId, id).firstResult();
  }

  /**
   * The same, locked until the transaction ends: every change to a conversation runs under this
   * lock, so concurrent messages, replies and agents' changes never overwrite one another.
   */
  public Uni<Conversation> lockInWorkspace(String workspaceId, UUID id) {
    return find("workspaceId = ?1 and id = ?2", workspaceId, id)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult();
  }

  /** The identity's conversation that is not resolved (there is at most one), locked. */
  public Uni<Conversation> lockActive(
      String workspaceId, String inboxId, String externalContactId) {
    return find(
            "workspaceId = ?1 and inboxId = ?2 and externalContactId = ?3 and status <> 'resolved'",
            workspaceId,
            inboxId,
            externalContactId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult();
  }

  /** The identity's most recently opened conversation, whatever its status, locked. */
  public Uni<Conversation> lockLatest(
      String workspaceId, String inboxId, String externalContactId) {
    return find(
            "workspaceId = ?1 and inboxId = ?2 and externalContactId = ?3"
                + " order by openedAt desc, id desc",
            workspaceId,
            inboxId,
            externalContactId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult();
  }

  /** The conversations of one identity (channel + external id) across the workspace's inboxes. */
  public Uni<List<Conversation>> lockOfIdentity(
      String workspaceId, String channel, String externalContactId) {
    return find(
            "workspaceId = ?1 and channel = ?2 and externalContactId = ?3 order by id",
            workspaceId,
            channel,
            externalContactId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .list();
  }

  public Uni<List<Conversation>> lockOfContact(String workspaceId, String contactId) {
    return find("workspaceId = ?1 and contactId = ?2 order by id", workspaceId, contactId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .list();
  }

  /**
   * Whether the customer had a conversation in the workspace before this one: on any inbox, by this
   * identity or, once profiles resolved it, by any identity of the contact.
   */
  public Uni<Boolean> hadEarlier(Conversation c) {
    String earlier = "workspaceId = ?1 and id <> ?2 and openedAt <= ?3 and ";
    return (c.contactId == null
            ? find(
                earlier + "channel = ?4 and externalContactId = ?5",
                c.workspaceId,
                c.id,
                c.openedAt,
                c.channel,
                c.externalContactId)
            : find(
                earlier + "((channel = ?4 and externalContactId = ?5) or contactId = ?6)",
                c.workspaceId,
                c.id,
                c.openedAt,
                c.channel,
                c.externalContactId,
                c.contactId))
        .firstResult()
        .map(found -> found != null);
  }

  public Uni<List<Conversation>> findByIds(List<UUID> ids) {
    return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
  }
}
