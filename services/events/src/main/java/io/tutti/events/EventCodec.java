package io.tutti.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads and writes the JSON form of {@link EventEnvelope}. Unknown payload fields are ignored so
 * that producers may add fields (additive changes) without breaking older consumers.
 */
public final class EventCodec {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          // Money must keep its exact digits and scale through the tree model (100.50 stays
          // 100.50).
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private EventCodec() {}

  public static byte[] encode(EventEnvelope envelope) {
    try {
      return MAPPER.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event " + envelope.id() + " cannot be written", e);
    }
  }

  public static String encodeToString(EventEnvelope envelope) {
    try {
      return MAPPER.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event " + envelope.id() + " cannot be written", e);
    }
  }

  /**
   * Reads an envelope.
   *
   * @throws MalformedEventException when the bytes are not an envelope of a known type
   */
  public static EventEnvelope decode(byte[] json) {
    try {
      return fromTree(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new MalformedEventException("not valid event JSON: " + reason(e), e);
    }
  }

  public static EventEnvelope decode(String json) {
    try {
      return fromTree(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new MalformedEventException("not valid event JSON: " + reason(e), e);
    }
  }

  private static EventEnvelope fromTree(JsonNode tree) throws IOException {
    if (!(tree instanceof ObjectNode node)) {
      throw new MalformedEventException("an event must be a JSON object", null);
    }
    String type = text(node, "type");
    Class<? extends EventPayload> payloadClass =
        EventTypes.payloadClass(type)
            .orElseThrow(() -> new MalformedEventException("unknown event type " + type, null));
    JsonNode payload = node.get("payload");
    if (payload == null || !payload.isObject()) {
      throw new MalformedEventException("event has no payload object", null);
    }
    try {
      return new EventEnvelope(
          UUID.fromString(text(node, "id")),
          type,
          node.path("version").asInt(1),
          Instant.parse(text(node, "occurredAt")),
          text(node, "workspaceId"),
          text(node, "source"),
          node.path("correlationId").asText(null),
          MAPPER.treeToValue(payload, payloadClass));
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw new MalformedEventException("invalid event: " + e.getMessage(), e);
    }
  }

  private static String reason(IOException e) {
    return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
  }

  private static String text(ObjectNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new MalformedEventException("event has no " + field, null);
    }
    return value.asText();
  }

  /**
   * Thrown for bytes that can never become an event; such a message is dead-lettered, not retried.
   */
  public static final class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
