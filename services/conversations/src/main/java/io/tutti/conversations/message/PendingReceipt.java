package io.tutti.conversations.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A receipt naming a platform message id no reply of ours carries yet: the {@code sent} status that
 * tells us the id may arrive after it. Applied, then deleted, when that happens.
 */
@Entity
@Table(name = "pending_receipt")
public class PendingReceipt {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "inbox_id", nullable = false)
  public String inboxId;

  @Column(name = "platform_message_id", nullable = false)
  public String platformMessageId;

  @Column(nullable = false)
  public String status;

  @Column(name = "error_code")
  public String errorCode;

  @Column(name = "error_message")
  public String errorMessage;

  @Column(nullable = false)
  public Instant at;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;
}
