package io.tutti.connectors.email;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbox.InboxContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class EmailAttachmentRepository implements PanacheRepositoryBase<EmailAttachment, UUID> {

  /**
   * Writes the files of one email from {@code sender} (its address in lower case) in the current
   * transaction; a file whose id is already stored (the same email delivered again) is left as it
   * is.
   */
  public Uni<Void> store(InboxContext inbox, String sender, List<ParsedEmail.FileContent> files) {
    if (files.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return Panache.getSession()
        .chain(
            session ->
                Multi.createFrom()
                    .iterable(files)
                    .onItem()
                    .transformToUniAndConcatenate(
                        file ->
                            session
                                .createNativeQuery(
                                    "insert into email_attachment (id, inbox_id, workspace_id,"
                                        + " sender, name, content_type, size, content, created_at)"
                                        + " values (:id, :inbox, :workspace, :sender, :name, :type,"
                                        + " :size, :content, :at) on conflict (id) do nothing")
                                .setParameter("id", file.id())
                                .setParameter("inbox", inbox.id())
                                .setParameter("workspace", inbox.workspaceId())
                                .setParameter("sender", sender)
                                .setParameter("name", file.name())
                                .setParameter("type", file.contentType())
                                .setParameter("size", (long) file.content().length)
                                .setParameter("content", file.content())
                                .setParameter("at", now)
                                .executeUpdate())
                    .collect()
                    .last()
                    .replaceWithVoid());
  }

  /** The file, or null when it does not exist or belongs to another inbox or workspace. */
  @WithSession
  public Uni<EmailAttachment> findInWorkspace(String workspaceId, UUID inboxId, UUID id) {
    return find("id = ?1 and inboxId = ?2 and workspaceId = ?3", id, inboxId, workspaceId)
        .firstResult();
  }
}
