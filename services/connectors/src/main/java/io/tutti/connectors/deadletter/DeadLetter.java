package io.tutti.connectors.deadletter;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Something connectors could not deliver or could not take, kept for an admin to replay. */
@Entity
@Table(name = "dead_letter")
public class DeadLetter {

  /** A reply that ran out of retries, or whose inbox's credentials the platform refused. */
  public static final String DELIVERY = "delivery";

  /** An event the broker dead-lettered after connectors failed to take it repeatedly. */
  public static final String QUEUE = "queue";

  /** A command that can never be sent as it is (it names no message, or no valid inbox). */
  public static final String REJECTED = "rejected";

  @Id public UUID id;

  /** Null only for bytes from the broker that are no event at all. */
  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(nullable = false)
  public String kind;

  @Column(name = "event_type")
  public String eventType;

  @Column(name = "event_id")
  public UUID eventId;

  /** The event as it arrived, for {@link #QUEUE} and {@link #REJECTED}. */
  public String envelope;

  @Column(name = "outbound_id")
  public UUID outboundId;

  @Column(name = "message_id")
  public String messageId;

  @Column(name = "inbox_id")
  public UUID inboxId;

  public String channel;

  @Column(nullable = false)
  public String reason;

  @Column(name = "error_code")
  public String errorCode;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "dead_at", nullable = false)
  public Instant deadAt;

  @Column(name = "replayed_at")
  public Instant replayedAt;

  @Column(name = "replayed_by")
  public String replayedBy;
}
