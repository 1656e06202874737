package io.tutti.conversations.canned;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A text snippet agents insert by typing {@code /shortcut}. */
@Entity
@Table(name = "canned_response")
public class CannedResponse {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  /** Without the leading slash, lower case. */
  @Column(nullable = false)
  public String shortcut;

  public String title;

  /** May hold placeholders such as {@code {{contact.name}}}; see {@link Placeholders}. */
  @Column(nullable = false)
  public String text;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
