package io.tutti.gateway.live;

import java.util.List;

/**
 * The broker names the live socket uses. They mirror {@code io.tutti.events.EventTopology} and
 * {@code EventTypes}, which the gateway does not depend on (that library brings Hibernate along).
 */
final class LiveTopology {

  static final String EVENTS_EXCHANGE = "tutti.events";

  static final String CONVERSATION_OPENED = "conversation.opened";
  static final String CONVERSATION_UPDATED = "conversation.updated";
  static final String CONVERSATION_MESSAGE_ADDED = "conversation.message-added";
  static final String MESSAGE_STATUS_CHANGED = "message.status-changed";

  /** Published by the gateway itself: {@code {agentId, online}}. */
  static final String AGENT_PRESENCE_CHANGED =
      "agent.presence-changed"; // EventTypes.AGENT_PRESENCE_CHANGED

  /** What each gateway's own queue is bound to. */
  static final List<String> BINDINGS =
      List.of("conversation.#", MESSAGE_STATUS_CHANGED, AGENT_PRESENCE_CHANGED);

  /** The source the gateway's events name. */
  static final String SOURCE = "gateway";

  private LiveTopology() {}

  /** The queue of one gateway: exclusive, deleted with its connection. */
  static String queueName(String instanceId) {
    return "gateway.live." + instanceId;
  }
}
