package io.tutti.conversations.canned;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CannedResponseRepository implements PanacheRepositoryBase<CannedResponse, UUID> {

  /** The workspace's snippets whose shortcut starts with the prefix, or all of them. */
  public Uni<List<CannedResponse>> search(String workspaceId, String shortcutPrefix) {
    if (shortcutPrefix == null) {
      return list("workspaceId = ?1 order by shortcut", workspaceId);
    }
    String escaped = shortcutPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return list(
        "workspaceId = ?1 and shortcut like ?2 escape '\\' order by shortcut",
        workspaceId,
        escaped + "%");
  }

  public Uni<CannedResponse> findInWorkspace(String workspaceId, UUID id) {
    return find("workspaceId = ?1 and id = ?2", workspaceId, id).firstResult();
  }

  public Uni<CannedResponse> findByShortcut(String workspaceId, String shortcut) {
    return find("workspaceId = ?1 and shortcut = ?2", workspaceId, shortcut).firstResult();
  }
}
