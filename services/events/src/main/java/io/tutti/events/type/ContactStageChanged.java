package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.time.Instant;

/** A contact moved along the lead lifecycle (profiles). */
public record ContactStageChanged(
    String contactId, String from, String to, String by, String note, Instant at)
    implements EventPayload {

  @Override
  public String type() {
    return EventTypes.CONTACT_STAGE_CHANGED;
  }
}
