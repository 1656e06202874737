package io.tutti.events.type;

import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import java.time.Instant;

/** A website visit started; the channel is already classified (attribution). */
public record SessionRecorded(
    String sessionId,
    String anonymousId,
    String contactId,
    String channel,
    String campaign,
    String landingUrl,
    String referrer,
    Instant startedAt)
    implements EventPayload {

  @Override
  public String type() {
    return EventTypes.SESSION_RECORDED;
  }
}
