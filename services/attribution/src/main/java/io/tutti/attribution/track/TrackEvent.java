package io.tutti.attribution.track;

import java.time.Instant;

/**
 * A page view or identify call as accepted by {@code /track} and kept until processed.
 *
 * @param occurredAt when it happened: the caller's, or the time it was accepted
 */
public record TrackEvent(
    String type,
    String anonymousId,
    String url,
    String referrer,
    Instant occurredAt,
    Traits traits) {

  public static final String PAGE = "page";
  public static final String IDENTIFY = "identify";

  /** What an identify call says of the visitor. */
  public record Traits(String email, String phone, String name) {}
}
