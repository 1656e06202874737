package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.util.List;

/**
 * A contact's personal data was erased on request; consumers drop or anonymise theirs (profiles).
 *
 * @param identities the contact's {@code channel:externalId} pairs, for services that know people
 *     by their platform ids rather than by contact (connectors)
 */
public record ContactErased(String contactId, String by, List<String> identities)
    implements EventPayload {

  /** An erasure that names no identities (an older producer's). */
  public ContactErased(String contactId, String by) {
    this(contactId, by, null);
  }

  @Override
  public String type() {
    return EventTypes.CONTACT_ERASED;
  }
}
