package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.util.List;

/**
 * A merge was undone: {@code restoredId} exists again with the identities it had (profiles).
 *
 * @param identities {@code channel:externalId} pairs that went back to the restored contact
 */
public record ContactUnmerged(
    String mergeId, String survivorId, String restoredId, List<String> identities, String by)
    implements EventPayload {

  @Override
  public String type() {
    return EventTypes.CONTACT_UNMERGED;
  }
}
