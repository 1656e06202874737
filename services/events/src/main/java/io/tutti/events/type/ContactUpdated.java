package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.util.List;
import java.util.Map;

/** A contact's details changed (profiles). */
public record ContactUpdated(
    String contactId,
    String name,
    List<String> emails,
    List<String> phones,
    String stage,
    Map<String, Object> attributes)
    implements EventPayload {

  @Override
  public String type() {
    return EventTypes.CONTACT_UPDATED;
  }
}
