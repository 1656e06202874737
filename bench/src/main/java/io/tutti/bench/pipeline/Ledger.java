package io.tutti.bench.pipeline;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to every message of a run, by its sequence number: when its webhook was first sent,
 * when it was answered 200 and when an agent's socket first showed it (System.nanoTime, 0 = not
 * yet); whether an agent's reply to it was accepted, and how often the fake platform received that
 * reply.
 */
final class Ledger {

  final AtomicLongArray sentAt;
  final AtomicLongArray acceptedAt;
  final AtomicLongArray seenAt;
  final AtomicIntegerArray replyAccepted;
  final AtomicLongArray repliesReceived;
  final LongAdder rejected = new LongAdder();
  final LongAdder resent = new LongAdder();
  final LongAdder repliesRequested = new LongAdder();
  final LongAdder replyRefusals = new LongAdder();
  final LongAdder refreshes = new LongAdder();
  final LongAdder reconnects = new LongAdder();

  /** Webhook answers by outcome: "HTTP 200", "HTTP 503", "HttpTimeoutException"... */
  final java.util.Map<String, LongAdder> answers =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  Ledger(int capacity) {
    sentAt = new AtomicLongArray(capacity);
    acceptedAt = new AtomicLongArray(capacity);
    seenAt = new AtomicLongArray(capacity);
    replyAccepted = new AtomicIntegerArray(capacity);
    repliesReceived = new AtomicLongArray(capacity);
  }

  int capacity() {
    return acceptedAt.length();
  }

  void answered(String outcome) {
    answers.computeIfAbsent(outcome, key -> new LongAdder()).increment();
  }

  /** True for the first socket that shows the message. */
  boolean seen(int seq, long at) {
    return seq >= 0 && seq < capacity() && seenAt.compareAndSet(seq, 0, at);
  }

  /** An agent's reply to message {@code seq} was accepted (202) for delivery. */
  void replyAccepted(int seq) {
    repliesRequested.increment();
    if (seq >= 0 && seq < capacity()) {
      replyAccepted.set(seq, 1);
    }
  }
}
