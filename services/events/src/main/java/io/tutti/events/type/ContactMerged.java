package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;

/**
 * Two contacts became one; everything of {@code mergedId} now belongs to {@code survivorId}
 * (profiles).
 */
public record ContactMerged(String mergeId, String survivorId, String mergedId, String by)
    implements EventPayload {

  @Override
  public String type() {
    return EventTypes.CONTACT_MERGED;
  }
}
