package io.tutti.conversations.message;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PendingReceiptRepository implements PanacheRepositoryBase<PendingReceipt, UUID> {

  /** The receipts waiting for this platform id, oldest first, removed as they are handed out. */
  public Uni<List<PendingReceipt>> take(String workspaceId, String inboxId, String platformId) {
    return list(
            "workspaceId = ?1 and inboxId = ?2 and platformMessageId = ?3 order by at, id",
            workspaceId,
            inboxId,
            platformId)
        .call(
            found ->
                found.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : delete("id in ?1", found.stream().map(r -> r.id).toList()));
  }

  public Uni<Long> deleteReceivedBefore(Instant cutoff) {
    return delete("receivedAt < ?1", cutoff);
  }
}
