package io.tutti.gateway.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the broker can be reached. Keeps one connection open and opens a fresh one when
 * it finds it closed, so a probe costs nothing while the broker is up.
 */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements AsyncHealthCheck {

  static final String NAME = "RabbitMQ broker";

  private final Vertx vertx;
  private final RabbitMQOptions options;
  private RabbitMQClient client;

  public BrokerReadinessCheck(
      Vertx vertx,
      @ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost") String host,
      @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672") int port,
      @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest") String username,
      @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest") String password,
      @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/") String virtualHost,
      @ConfigProperty(name = "quarkus.application.name", defaultValue = "gateway")
          String application) {
    this.vertx = vertx;
    this.options =
        new RabbitMQOptions()
            .setHost(host)
            .setPort(port)
            .setUser(username)
            .setPassword(password)
            .setVirtualHost(virtualHost)
            .setConnectionName(application + "-readiness")
            .setConnectionTimeout(5_000)
            .setHandshakeTimeout(5_000)
            // This check reconnects on its own terms; the client's recovery would hide an outage.
            .setAutomaticRecoveryEnabled(false)
            .setReconnectAttempts(0);
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return reachable().map(up -> HealthCheckResponse.named(NAME).status(up).build());
  }

  private Uni<Boolean> reachable() {
    RabbitMQClient open = current();
    if (open != null && open.isConnected()) {
      return Uni.createFrom().item(true);
    }
    RabbitMQClient fresh = RabbitMQClient.create(vertx, new RabbitMQOptions(options));
    return fresh
        .start()
        .invoke(() -> keep(fresh))
        .replaceWith(true)
        .onFailure()
        .invoke(() -> stopQuietly(fresh))
        .onFailure()
        .recoverWithItem(false);
  }

  private synchronized RabbitMQClient current() {
    return client;
  }

  /** Keeps the newest connection; two probes racing to reconnect leave no stray one open. */
  private synchronized void keep(RabbitMQClient fresh) {
    RabbitMQClient previous = client;
    client = fresh;
    if (previous != null) {
      stopQuietly(previous);
    }
  }

  @PreDestroy
  synchronized void close() {
    if (client != null) {
      stopQuietly(client);
      client = null;
    }
  }

  private static void stopQuietly(RabbitMQClient client) {
    client.stop().subscribe().with(ok -> {}, ignored -> {});
  }
}
