package io.tutti.connectors.inbound;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One delivery from a platform, kept byte for byte. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

  @Id public UUID id;

  @Column(name = "inbox_id", nullable = false)
  public UUID inboxId;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(nullable = false)
  public String channel;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;

  @Column(name = "content_type")
  public String contentType;

  @Column(nullable = false)
  public byte[] body;

  /** How many events it produced. */
  @Column(nullable = false)
  public int events;

  /** How many of its messages and receipts had been delivered before. */
  @Column(nullable = false)
  public int duplicates;

  /** The kinds it carried that Tutti stores but does not act on, comma-separated. */
  public String ignored;
}
