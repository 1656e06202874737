package io.tutti.events.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One event waiting to be (or already) published; see {@link Outbox} and {@link OutboxRelay}. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

  @Id public UUID id;

  @Column(nullable = false)
  public String type;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  /** The whole envelope as JSON, exactly as it goes on the wire. */
  @Column(nullable = false)
  public String envelope;

  /**
   * W3C trace context of the change that wrote the event, continued by the relay's publish span;
   * null when nothing was traced.
   */
  public String traceparent;

  public String tracestate;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  public Instant nextAttemptAt;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "published_at")
  public Instant publishedAt;
}
