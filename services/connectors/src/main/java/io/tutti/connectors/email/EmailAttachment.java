package io.tutti.connectors.email;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A file that came with an email, kept so agents of the inbox's workspace can open it. */
@Entity
@Table(name = "email_attachment")
public class EmailAttachment {

  @Id public UUID id;

  @Column(name = "inbox_id", nullable = false)
  public UUID inboxId;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(nullable = false)
  public String name;

  @Column(name = "content_type", nullable = false)
  public String contentType;

  @Column(nullable = false)
  public long size;

  @Column(nullable = false)
  public byte[] content;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
