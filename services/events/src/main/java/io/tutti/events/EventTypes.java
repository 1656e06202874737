package io.tutti.events;

import io.tutti.events.type.AgentPresenceChanged;
import io.tutti.events.type.ContactErased;
import io.tutti.events.type.ContactMerged;
import io.tutti.events.type.ContactResolved;
import io.tutti.events.type.ContactStageChanged;
import io.tutti.events.type.ContactUnmerged;
import io.tutti.events.type.ContactUpdated;
import io.tutti.events.type.ConversationMessageAdded;
import io.tutti.events.type.ConversationOpened;
import io.tutti.events.type.ConversationUpdated;
import io.tutti.events.type.IdentityObserved;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.OutboundRequested;
import io.tutti.events.type.SaleRecorded;
import io.tutti.events.type.SessionRecorded;
import java.util.Map;
import java.util.Optional;

/** Every event type: its name (the routing key) and the record its payload reads into. */
public final class EventTypes {

  public static final String MESSAGE_RECEIVED = "message.received";
  public static final String MESSAGE_STATUS_CHANGED = "message.status-changed";
  public static final String OUTBOUND_REQUESTED = "outbound.requested";
  public static final String CONVERSATION_OPENED = "conversation.opened";
  public static final String CONVERSATION_UPDATED = "conversation.updated";
  public static final String CONVERSATION_MESSAGE_ADDED = "conversation.message-added";
  public static final String CONTACT_RESOLVED = "contact.resolved";
  public static final String CONTACT_UPDATED = "contact.updated";
  public static final String CONTACT_MERGED = "contact.merged";
  public static final String CONTACT_UNMERGED = "contact.unmerged";
  public static final String CONTACT_STAGE_CHANGED = "contact.stage-changed";
  public static final String CONTACT_ERASED = "contact.erased";
  public static final String SESSION_RECORDED = "session.recorded";
  public static final String SALE_RECORDED = "sale.recorded";
  public static final String IDENTITY_OBSERVED = "identity.observed";
  public static final String AGENT_PRESENCE_CHANGED = "agent.presence-changed";

  private static final Map<String, Class<? extends EventPayload>> PAYLOADS =
      Map.ofEntries(
          Map.entry(AGENT_PRESENCE_CHANGED, AgentPresenceChanged.class),
          Map.entry(MESSAGE_RECEIVED, MessageReceived.class),
          Map.entry(MESSAGE_STATUS_CHANGED, MessageStatusChanged.class),
          Map.entry(OUTBOUND_REQUESTED, OutboundRequested.class),
          Map.entry(CONVERSATION_OPENED, ConversationOpened.class),
          Map.entry(CONVERSATION_UPDATED, ConversationUpdated.class),
          Map.entry(CONVERSATION_MESSAGE_ADDED, ConversationMessageAdded.class),
          Map.entry(CONTACT_RESOLVED, ContactResolved.class),
          Map.entry(CONTACT_UPDATED, ContactUpdated.class),
          Map.entry(CONTACT_MERGED, ContactMerged.class),
          Map.entry(CONTACT_UNMERGED, ContactUnmerged.class),
          Map.entry(CONTACT_STAGE_CHANGED, ContactStageChanged.class),
          Map.entry(CONTACT_ERASED, ContactErased.class),
          Map.entry(SESSION_RECORDED, SessionRecorded.class),
          Map.entry(SALE_RECORDED, SaleRecorded.class),
          Map.entry(IDENTITY_OBSERVED, IdentityObserved.class));

  private EventTypes() {}

  /** The payload record of a type, empty for a type this version does not know. */
  public static Optional<Class<? extends EventPayload>> payloadClass(String type) {
    return Optional.ofNullable(PAYLOADS.get(type));
  }

  /** Every known type name. */
  public static java.util.Set<String> all() {
    return PAYLOADS.keySet();
  }
}
