package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.time.Instant;
import java.util.List;

/** A customer wrote on a channel (connectors). */
public record MessageReceived(
    String inboxId,
    String channel,
    String externalContactId,
    String contactName,
    String contactHandle,
    String platformMessageId,
    String text,
    List<Attachment> attachments,
    String replyToPlatformMessageId,
    Instant sentAt,
    Referral referral)
    implements EventPayload {

  @Override
  public String type() {
    return EventTypes.MESSAGE_RECEIVED;
  }
}
