package io.tutti.connectors.testing;

import io.tutti.events.testing.RecordedSpans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the test application export its spans to a {@link RecordedSpans}; only a test profile that
 * switches tracing on (see {@code TraceContinuityTest}) produces any.
 */
@ApplicationScoped
class SpanRecording {

  @Produces
  @Singleton
  RecordedSpans spans() {
    return new RecordedSpans();
  }
}
