package io.tutti.conversations.contact;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ContactMergeRepository implements PanacheRepositoryBase<ContactMerge, String> {

  /** The merge in force that folded this contact into another, or null. */
  public Uni<ContactMerge> activeMergeOf(String workspaceId, String contactId) {
    return find(
            "workspaceId = ?1 and mergedId = ?2 and mergedAt is not null and unmergedAt is null"
                + " order by mergedAt desc",
            workspaceId,
            contactId)
        .firstResult();
  }
}
