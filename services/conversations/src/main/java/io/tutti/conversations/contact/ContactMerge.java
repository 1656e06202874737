package io.tutti.conversations.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A merge profiles announced. Kept so that a late {@code contact.resolved} naming the merged
 * contact lands on the survivor, and an unmerge that overtook its merge is not undone by it.
 */
@Entity
@Table(name = "contact_merge")
public class ContactMerge {

  @Id
  @Column(name = "merge_id")
  public String mergeId;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "survivor_id", nullable = false)
  public String survivorId;

  @Column(name = "merged_id", nullable = false)
  public String mergedId;

  @Column(name = "merged_at")
  public Instant mergedAt;

  @Column(name = "unmerged_at")
  public Instant unmergedAt;
}
