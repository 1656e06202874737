package io.tutti.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final ReplayBuffer buffer = new ReplayBuffer(3, Duration.ofMinutes(5), now::get);

  @Test
  void answersTheEventsAfterAnIdOldestFirst() {
    LiveEvent first = add();
    LiveEvent second = add();
    LiveEvent third = add();

    assertThat(buffer.after(first.id()))
        .hasValueSatisfying(events -> assertThat(events).containsExactly(second, third));
  }

  @Test
  void theNewestIdHasNothingAfterIt() {
    add();
    LiveEvent newest = add();

    assertThat(buffer.after(newest.id()))
        .hasValueSatisfying(events -> assertThat(events).isEmpty());
  }

  @Test
  void anIdPushedOutByNewerEventsIsUnknown() {
    LiveEvent first = add();
    add();
    add();
    add();

    assertThat(buffer.after(first.id())).isEmpty();
    assertThat(buffer.size()).isEqualTo(3);
  }

  @Test
  void anIdOlderThanTheReplayAgeIsUnknown() {
    LiveEvent old = add();
    now.addAndGet(Duration.ofMinutes(4).toMillis());
    LiveEvent recent = add();
    now.addAndGet(Duration.ofMinutes(2).toMillis());

    assertThat(buffer.after(old.id())).isEmpty();
    assertThat(buffer.after(recent.id()))
        .hasValueSatisfying(events -> assertThat(events).isEmpty());
  }

  @Test
  void anIdNeverSeenIsUnknown() {
    add();

    assertThat(buffer.after(UUID.randomUUID())).isEmpty();
  }

  @Test
  void clearedAfterAGapNothingResumes() {
    LiveEvent first = add();
    add();

    buffer.clear();

    assertThat(buffer.after(first.id())).isEmpty();
  }

  private LiveEvent add() {
    LiveEvent event =
        new LiveEvent(
            EventIds.next(), "conversation.opened", "acme", null, null, "{}", null, now.get());
    buffer.add(event);
    return event;
  }
}
