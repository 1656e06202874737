package io.tutti.conversations.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One webhook a rule fired, from the rule's transaction until it was delivered or given up. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

  public static final String PENDING = "pending";
  public static final String DELIVERED = "delivered";
  public static final String FAILED = "failed";

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "conversation_id", nullable = false)
  public UUID conversationId;

  @Column(name = "rule_id", nullable = false)
  public UUID ruleId;

  @Column(name = "rule_name", nullable = false)
  public String ruleName;

  @Column(nullable = false)
  public String url;

  /** The JSON body, as it was when the rule ran. */
  @Column(nullable = false)
  public String payload;

  @Column(nullable = false)
  public String status;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  public Instant nextAttemptAt;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "finished_at")
  public Instant finishedAt;
}
