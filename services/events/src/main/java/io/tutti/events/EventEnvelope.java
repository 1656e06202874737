package io.tutti.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on {@code tutti.events}: one state change of one workspace, with enough context to
 * trace it back.
 *
 * @param id UUIDv7, unique per event; consumers deduplicate on it
 * @param type the routing key, e.g. {@code message.received}
 * @param version the payload's schema version; changes within a version are additive only
 * @param occurredAt when the change happened in the emitting service
 * @param workspaceId the tenant; nothing crosses workspaces
 * @param source the emitting service
 * @param correlationId ties together the events caused by one inbound request or message
 * @param payload the typed body
 */
public record EventEnvelope(
    UUID id,
    String type,
    int version,
    Instant occurredAt,
    String workspaceId,
    String source,
    String correlationId,
    EventPayload payload) {

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(payload, "payload");
    if (!type.equals(payload.type())) {
      throw new IllegalArgumentException(
          "envelope type " + type + " does not match payload type " + payload.type());
    }
  }

  /**
   * A new event with a fresh id, stamped now; the correlation id defaults to the event's own id.
   */
  public static EventEnvelope of(
      String source, String workspaceId, String correlationId, EventPayload payload) {
    UUID id = UuidV7.next();
    return new EventEnvelope(
        id,
        payload.type(),
        payload.version(),
        Instant.now(),
        workspaceId,
        source,
        correlationId == null ? id.toString() : correlationId,
        payload);
  }
}
