package io.tutti.connectors.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A connected channel account of a workspace: a Facebook page, a WhatsApp number, a bot… */
@Entity
@Table(name = "inbox")
public class Inbox {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String channel;

  /**
   * The platform's id of the account (page id, phone number id, Twilio number, bot id, address,
   * site key): how a delivery naming it finds its inbox.
   */
  @Column(name = "account_id")
  public String accountId;

  @Column(name = "verify_token")
  public String verifyToken;

  @Column(name = "site_key")
  public String siteKey;

  /** {@link InboxSettings} as JSON: everything about the account that is not secret. */
  @Column(nullable = false)
  public String settings;

  /** {@link InboxSecrets} as JSON, sealed by {@link io.tutti.web.crypto.SecretBox}. */
  @Column(nullable = false)
  public byte[] secrets;

  /** {@code healthy}, or {@code unhealthy} after the platform refused the credentials. */
  @Column(nullable = false)
  public String health = InboxHealth.HEALTHY;

  /** What the platform said when it refused them. */
  @Column(name = "health_reason")
  public String healthReason;

  @Column(name = "health_changed_at")
  public Instant healthChangedAt;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
