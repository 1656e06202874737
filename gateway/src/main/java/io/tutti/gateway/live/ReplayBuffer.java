package io.tutti.gateway.live;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The latest events of one workspace, in the order this gateway received them, so a socket that
 * reconnects gets what it missed. Bounded by count and by age. Not thread-safe: its workspace
 * guards it.
 */
final class ReplayBuffer {

  private final int maxSize;
  private final long maxAgeMillis;
  private final LongSupplier clock;
  private final ArrayDeque<LiveEvent> events = new ArrayDeque<>();

  ReplayBuffer(int maxSize, Duration maxAge, LongSupplier clock) {
    this.maxSize = Math.max(0, maxSize);
    this.maxAgeMillis = maxAge.toMillis();
    this.clock = clock;
  }

  void add(LiveEvent event) {
    if (maxSize == 0) {
      return;
    }
    events.addLast(event);
    while (events.size() > maxSize) {
      events.removeFirst();
    }
    evictOld();
  }

  /**
   * The events received after the one with this id, oldest first; empty when that event is not (or
   * no longer) here, so the client cannot know what it missed.
   */
  Optional<List<LiveEvent>> after(UUID id) {
    evictOld();
    List<LiveEvent> newer = new ArrayList<>();
    Iterator<LiveEvent> newestFirst = events.descendingIterator();
    while (newestFirst.hasNext()) {
      LiveEvent event = newestFirst.next();
      if (event.id().equals(id)) {
        return Optional.of(newer.reversed());
      }
      newer.add(event);
    }
    return Optional.empty();
  }

  /** The newest event's id, or null when there is none. */
  UUID newestId() {
    evictOld();
    return events.isEmpty() ? null : events.peekLast().id();
  }

  /** Every event here, oldest first. */
  List<LiveEvent> all() {
    evictOld();
    return List.copyOf(events);
  }

  /** Forgets everything: after a gap in what this gateway received, nothing before it resumes. */
  void clear() {
    events.clear();
  }

  int size() {
    return events.size();
  }

  private void evictOld() {
    long oldest = clock.getAsLong() - maxAgeMillis;
    while (!events.isEmpty() && events.peekFirst().receivedAt() < oldest) {
      events.removeFirst();
    }
  }
}
