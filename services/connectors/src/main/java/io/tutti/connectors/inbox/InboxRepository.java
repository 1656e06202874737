package io.tutti.connectors.inbox;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class InboxRepository implements PanacheRepositoryBase<Inbox, UUID> {

  public Uni<List<Inbox>> listByWorkspace(String workspaceId) {
    return list("workspaceId = ?1 order by createdAt, id", workspaceId);
  }

  /** The workspace's inbox, or null when it does not exist or belongs to another workspace. */
  public Uni<Inbox> findInWorkspace(String workspaceId, UUID id) {
    return find("workspaceId = ?1 and id = ?2", workspaceId, id).firstResult();
  }

  /** The newest inbox of the workspace connected to this platform account on this channel. */
  public Uni<Inbox> findByAccount(String workspaceId, String channel, String accountId) {
    return find(
            "workspaceId = ?1 and channel = ?2 and accountId = ?3 order by createdAt desc",
            workspaceId,
            channel,
            accountId)
        .firstResult();
  }

  public Uni<Inbox> findBySiteKey(String siteKey) {
    return find("siteKey", siteKey).firstResult();
  }
}
