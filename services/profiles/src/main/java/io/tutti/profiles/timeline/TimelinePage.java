package io.tutti.profiles.timeline;

import java.util.List;

/**
 * One page of a contact's timeline.
 *
 * @param nextCursor pass as {@code cursor} for older entries; null on the last page
 * @param missing the sources that could not be read for this page; their entries are not in it
 */
public record TimelinePage(List<TimelineEntry> items, String nextCursor, List<Missing> missing) {

  /**
   * A part of the history this page lacks.
   *
   * @param source {@code conversations}
   * @param reason unavailable (it failed, timed out or is resting after failures) or refused (it
   *     would not answer this caller)
   */
  public record Missing(String source, String reason, String detail) {}
}
