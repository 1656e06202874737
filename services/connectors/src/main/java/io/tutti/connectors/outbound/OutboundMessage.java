package io.tutti.connectors.outbound;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One reply connectors was asked to send, and how far it got. Recorded before the platform is
 * called, so a command delivered twice finds it and sends nothing again.
 */
@Entity
@Table(name = "outbound_message")
public class OutboundMessage {

  /** Waiting for its (next) attempt. */
  public static final String QUEUED = "queued";

  /** A dispatcher is calling the platform. */
  public static final String SENDING = "sending";

  /** The platform accepted every part. */
  public static final String SENT = "sent";

  /** Website chat: stored for the visitor, who is not connected. */
  public static final String AWAITING_VISITOR = "awaiting_visitor";

  /** Website chat: pushed to the visitor's open page. */
  public static final String DELIVERED = "delivered";

  /** Refused before or by the platform, or out of retries; final. */
  public static final String FAILED = "failed";

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "message_id", nullable = false)
  public String messageId;

  @Column(name = "conversation_id")
  public String conversationId;

  @Column(name = "inbox_id", nullable = false)
  public UUID inboxId;

  @Column(nullable = false)
  public String channel;

  /** The customer on the channel: the command's externalContactId. */
  @Column(nullable = false)
  public String recipient;

  /** The {@code outbound.requested} payload as JSON. */
  @Column(nullable = false)
  public String command;

  @Column(name = "event_id", nullable = false)
  public UUID eventId;

  @Column(name = "correlation_id")
  public String correlationId;

  @Column(name = "requested_at", nullable = false)
  public Instant requestedAt;

  @Column(nullable = false)
  public String state;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  public Instant nextAttemptAt;

  @Column(name = "lease_until")
  public Instant leaseUntil;

  @Column(name = "parts_sent", nullable = false)
  public int partsSent;

  @Column(name = "error_code")
  public String errorCode;

  @Column(name = "error_message")
  public String errorMessage;

  @Column(name = "sent_at")
  public Instant sentAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  /**
   * The trace of the command (W3C), continued when the reply is sent; null when nothing was traced.
   */
  public String traceparent;

  public String tracestate;
}
