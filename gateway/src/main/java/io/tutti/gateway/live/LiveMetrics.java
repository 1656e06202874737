package io.tutti.gateway.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code tutti.live.sockets} (open sockets), {@code tutti.live.events.pushed} (frames of events
 * written, by type) and {@code tutti.live.sockets.closed} (sockets the gateway closed, by cause).
 */
@ApplicationScoped
class LiveMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<String, Counter> pushed = new ConcurrentHashMap<>();
  private final Map<String, Counter> closed = new ConcurrentHashMap<>();

  LiveMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("tutti.live.sockets", open, AtomicInteger::get)
        .description("Open /api/live sockets on this gateway")
        .register(registry);
  }

  void opened() {
    open.incrementAndGet();
  }

  void ended() {
    open.decrementAndGet();
  }

  int open() {
    return open.get();
  }

  void pushed(String type) {
    pushed
        .computeIfAbsent(
            type,
            t ->
                Counter.builder("tutti.live.events.pushed")
                    .description("Events written to /api/live sockets")
                    .tag("type", t)
                    .register(registry))
        .increment();
  }

  void closed(String cause) {
    closed
        .computeIfAbsent(
            cause,
            c ->
                Counter.builder("tutti.live.sockets.closed")
                    .description("/api/live sockets the gateway closed")
                    .tag("cause", c)
                    .register(registry))
        .increment();
  }
}
