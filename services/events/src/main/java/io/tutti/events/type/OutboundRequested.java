package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.util.List;

/** An agent's reply must go out on the customer's channel (conversations → connectors). */
public record OutboundRequested(
    String messageId,
    String conversationId,
    String inboxId,
    String channel,
    String externalContactId,
    String text,
    List<Attachment> attachments,
    String replyToPlatformMessageId)
    implements EventPayload {

  @Override
  public String type() {
    return EventTypes.OUTBOUND_REQUESTED;
  }
}
