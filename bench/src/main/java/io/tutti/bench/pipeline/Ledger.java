package io.tutti.bench.pipeline;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to every message of a run, by its sequence number: when its webhook was answered
 * 200 and when an agent's socket first showed it (System.nanoTime, 0 = not yet); and replies asked
 * for and received by the fake platform.
 */
final class Ledger {

  final AtomicLongArray acceptedAt;
  final AtomicLongArray seenAt;
  final AtomicLongArray repliesReceived;
  final LongAdder rejected = new LongAdder();
  final LongAdder repliesRequested = new LongAdder();
  final LongAdder replyRefusals = new LongAdder();
  final LongAdder refreshes = new LongAdder();
  final LongAdder reconnects = new LongAdder();

  Ledger(int capacity) {
    acceptedAt = new AtomicLongArray(capacity);
    seenAt = new AtomicLongArray(capacity);
    repliesReceived = new AtomicLongArray(capacity);
  }

  int capacity() {
    return acceptedAt.length();
  }

  /** True for the first socket that shows the message. */
  boolean seen(int seq, long at) {
    return seq >= 0 && seq < capacity() && seenAt.compareAndSet(seq, 0, at);
  }
}
