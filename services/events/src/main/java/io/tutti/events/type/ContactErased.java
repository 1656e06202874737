package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;

/**
 * A contact's personal data was erased on request; consumers drop or anonymise theirs (profiles).
 */
public record ContactErased(String contactId, String by) implements EventPayload {

  @Override
  public String type() {
    return EventTypes.CONTACT_ERASED;
  }
}
