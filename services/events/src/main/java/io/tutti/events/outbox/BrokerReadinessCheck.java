package io.tutti.events.outbox;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the broker that the outbox publishes to can be reached. */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements AsyncHealthCheck {

  private final BrokerPublisher publisher;

  public BrokerReadinessCheck(BrokerPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return publisher
        .isReachable()
        .map(
            reachable ->
                HealthCheckResponse.named("RabbitMQ broker (outbox relay)")
                    .status(reachable)
                    .build());
  }
}
