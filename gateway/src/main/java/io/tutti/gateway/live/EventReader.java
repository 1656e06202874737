package io.tutti.gateway.live;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Turns envelopes from {@code tutti.events} into {@link LiveEvent}s: decides who may see each and
 * writes its frame. Remembers the latest state of recent conversations (to tell who lost sight of
 * one) and which conversation recent messages belong to (a delivery receipt names only the
 * message).
 */
final class EventReader {

  private static final Logger LOG = Logger.getLogger(EventReader.class);

  /** Conversations and messages remembered; older ones are forgotten first. */
  static final int REMEMBERED = 20_000;

  private final LongSupplier clock;
  private final Map<String, Sight> conversations = lru();
  private final Map<String, String> messages = lru();

  EventReader(LongSupplier clock) {
    this.clock = clock;
  }

  /** The event to push, or null for one the live socket does not push (or cannot read). */
  synchronized LiveEvent read(Buffer body) {
    try {
      return read(new JsonObject(body));
    } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
      LOG.debugf("not an event: %s", e.getMessage());
      return null;
    }
  }

  private LiveEvent read(JsonObject envelope) {
    String type = envelope.getString("type");
    String workspaceId = envelope.getString("workspaceId");
    JsonObject payload = envelope.getJsonObject("payload");
    UUID id = uuid(envelope.getString("id"));
    if (type == null || workspaceId == null || workspaceId.isBlank() || payload == null) {
      LOG.debugf("event %s lacks type, workspace or payload", id);
      return null;
    }
    if (id == null) {
      LOG.debugf("event of type %s has no id", type);
      return null;
    }
    return switch (type) {
      case LiveTopology.CONVERSATION_OPENED, LiveTopology.CONVERSATION_MESSAGE_ADDED ->
          conversationEvent(envelope, id, type, workspaceId, payload, false);
      case LiveTopology.CONVERSATION_UPDATED ->
          conversationEvent(envelope, id, type, workspaceId, payload, true);
      case LiveTopology.MESSAGE_STATUS_CHANGED -> receipt(envelope, id, type, workspaceId, payload);
      case LiveTopology.AGENT_PRESENCE_CHANGED ->
          event(envelope, id, type, workspaceId, payload, null, null, null);
      default -> null;
    };
  }

  private LiveEvent conversationEvent(
      JsonObject envelope,
      UUID id,
      String type,
      String workspaceId,
      JsonObject payload,
      boolean update) {
    String conversationId = payload.getString("conversationId");
    if (conversationId == null) {
      return null;
    }
    // conversations leaves out null fields: no assignee and no team means nobody has taken it.
    Sight sight = new Sight(payload.getString("assigneeId"), payload.getString("teamId"));
    Sight before = conversations.put(key(workspaceId, conversationId), sight);
    String messageId = payload.getString("messageId");
    if (messageId != null) {
      messages.put(key(workspaceId, messageId), conversationId);
    }
    boolean moved = update && before != null && !before.equals(sight);
    return event(
        envelope,
        id,
        type,
        workspaceId,
        payload,
        sight,
        moved ? before : null,
        moved ? hidden(envelope, id, conversationId) : null);
  }

  /**
   * A receipt from connectors names a message, not its conversation: it is pushed when this gateway
   * saw the message join a conversation, to those who may see that conversation. Watermarks and
   * receipts of unknown messages are left to conversations' {@code conversation.updated} with
   * {@code changed: ["message"]}, which carries the conversation.
   */
  private LiveEvent receipt(
      JsonObject envelope, UUID id, String type, String workspaceId, JsonObject payload) {
    String messageId = payload.getString("messageId");
    String conversationId = messageId == null ? null : messages.get(key(workspaceId, messageId));
    Sight sight =
        conversationId == null ? null : conversations.get(key(workspaceId, conversationId));
    if (sight == null) {
      return null;
    }
    return event(envelope, id, type, workspaceId, payload, sight, null, null);
  }

  private LiveEvent event(
      JsonObject envelope,
      UUID id,
      String type,
      String workspaceId,
      JsonObject payload,
      Sight sight,
      Sight before,
      String hiddenFrame) {
    String frame =
        new JsonObject()
            .put("id", id.toString())
            .put("type", type)
            .put("occurredAt", envelope.getValue("occurredAt"))
            .put("payload", payload)
            .encode();
    return new LiveEvent(
        id, type, workspaceId, sight, before, frame, hiddenFrame, clock.getAsLong());
  }

  private static String hidden(JsonObject envelope, UUID id, String conversationId) {
    return new JsonObject()
        .put("id", id.toString())
        .put("type", LiveFrames.CONVERSATION_HIDDEN)
        .put("occurredAt", envelope.getValue("occurredAt"))
        .put("payload", new JsonObject().put("conversationId", conversationId))
        .encode();
  }

  /** Ids are unique across workspaces, but an event of one must never move another's state. */
  private static String key(String workspaceId, String id) {
    return workspaceId + '\n' + id;
  }

  private static UUID uuid(String text) {
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > REMEMBERED;
      }
    };
  }
}
