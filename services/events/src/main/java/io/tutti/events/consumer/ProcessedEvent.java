package io.tutti.events.consumer;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** Proof that a consumer has handled an event; written in the same transaction as the handling. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent {

  @EmbeddedId public Key key;

  @Column(name = "processed_at", nullable = false)
  public Instant processedAt;

  @Embeddable
  public record Key(
      @Column(name = "consumer", nullable = false) String consumer,
      @Column(name = "event_id", nullable = false) UUID eventId)
      implements Serializable {}
}
