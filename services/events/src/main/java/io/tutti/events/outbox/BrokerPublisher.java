package io.tutti.events.outbox;

import com.rabbitmq.client.AMQP;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.events.EventTopology;
import io.tutti.events.tracing.EventTracing;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQConfirmation;
import io.vertx.rabbitmq.RabbitMQOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes outbox events to {@code tutti.events} with publisher confirms, reporting per event
 * whether the broker took it. Owns one connection; a broken connection is dropped and a fresh one
 * made on the next use, so no confirmation of an old channel can be mistaken for one of the new
 * channel.
 *
 * <p>Each event goes out in a PRODUCER span continuing the trace stored with it, ended by the
 * broker's answer; its {@code traceparent} and {@code tracestate} headers carry that span to the
 * consumers ({@link EventTracing}).
 */
@ApplicationScoped
public class BrokerPublisher {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final RabbitMQOptions options;
  private final EventTracing tracing;
  private volatile Connection current;

  public BrokerPublisher(
      Vertx vertx,
      EventTracing tracing,
      @ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost") String host,
      @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672") int port,
      @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest") String username,
      @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest") String password,
      @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/") String virtualHost,
      @ConfigProperty(name = "quarkus.application.name", defaultValue = "tutti")
          String application) {
    this.vertx = vertx;
    this.tracing = tracing;
    this.options =
        new RabbitMQOptions()
            .setHost(host)
            .setPort(port)
            .setUser(username)
            .setPassword(password)
            .setVirtualHost(virtualHost)
            .setConnectionName(application + "-outbox-relay")
            .setConnectionTimeout(5_000)
            .setHandshakeTimeout(5_000)
            .setAutomaticRecoveryEnabled(false)
            .setReconnectAttempts(0);
  }

  /** The outcome of publishing one event. */
  public record Outcome(OutboxEvent event, Throwable failure) {
    public boolean published() {
      return failure == null;
    }
  }

  /** Whether a connection to the broker is open right now, opening one when there is none. */
  public Uni<Boolean> isReachable() {
    return connection().map(c -> true).onFailure().recoverWithItem(false);
  }

  /**
   * Publishes the events in order and waits for the broker's confirms. Fails as a whole only when
   * no connection can be had; otherwise each outcome says whether that event was confirmed.
   */
  public Uni<List<Outcome>> publish(List<OutboxEvent> events, Duration confirmTimeout) {
    return connection()
        .chain(
            connection ->
                Multi.createFrom()
                    .iterable(events)
                    .onItem()
                    .transformToUniAndConcatenate(event -> send(connection, event, confirmTimeout))
                    .collect()
                    .asList()
                    .chain(sends -> awaitConfirms(sends, confirmTimeout))
                    .invoke(outcomes -> dropIfBroken(connection, outcomes)));
  }

  /**
   * A nack is the broker speaking over a healthy channel; a send that failed or a confirm that
   * never came means the channel or connection is gone, possibly without the client noticing, so
   * the next pass starts afresh.
   */
  private void dropIfBroken(Connection connection, List<Outcome> outcomes) {
    boolean broken =
        outcomes.stream()
            .anyMatch(o -> o.failure() != null && !(o.failure() instanceof BrokerRefusedException));
    if (broken && current == connection) {
      current = null;
      connection.close();
    }
  }

  private record Send(
      OutboxEvent event,
      CompletableFuture<Void> confirmed,
      EventTracing.Publication publication,
      Throwable failure) {}

  private Uni<Send> send(Connection connection, OutboxEvent event, Duration timeout) {
    CompletableFuture<Void> confirmed = new CompletableFuture<>();
    EventTracing.Publication publication =
        tracing.publishing(
            event.id,
            event.type,
            new EventTracing.TraceHeaders(event.traceparent, event.tracestate));
    return connection
        .client()
        .basicPublishWithDeliveryTag(
            EventTopology.EVENTS_EXCHANGE,
            event.type,
            properties(event, publication),
            Buffer.buffer(event.envelope.getBytes(StandardCharsets.UTF_8)),
            tag -> connection.unconfirmed().put(tag, confirmed))
        .ifNoItem()
        .after(timeout)
        .failWith(() -> new BrokerUnavailableException("publish not accepted within " + timeout))
        .map(ignored -> new Send(event, confirmed, publication, null))
        .onFailure()
        .recoverWithItem(failure -> new Send(event, confirmed, publication, failure));
  }

  private static Uni<List<Outcome>> awaitConfirms(List<Send> sends, Duration timeout) {
    List<Uni<Outcome>> outcomes = new ArrayList<>(sends.size());
    for (Send send : sends) {
      if (send.failure() != null) {
        send.publication().end(send.failure());
        outcomes.add(Uni.createFrom().item(new Outcome(send.event(), send.failure())));
        continue;
      }
      outcomes.add(
          Uni.createFrom()
              .completionStage(send.confirmed())
              .ifNoItem()
              .after(timeout)
              .failWith(() -> new BrokerUnavailableException("no confirm within " + timeout))
              .map(ignored -> new Outcome(send.event(), null))
              .onFailure()
              .recoverWithItem(failure -> new Outcome(send.event(), failure))
              .invoke(outcome -> send.publication().end(outcome.failure())));
    }
    if (outcomes.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return Uni.join().all(outcomes).andFailFast();
  }

  private static AMQP.BasicProperties properties(
      OutboxEvent event, EventTracing.Publication publication) {
    Map<String, Object> headers = new HashMap<>(publication.headers());
    headers.put("x-workspace-id", event.workspaceId);
    return new AMQP.BasicProperties.Builder()
        .contentType("application/json")
        .contentEncoding("utf-8")
        .deliveryMode(2)
        .messageId(event.id.toString())
        .type(event.type)
        .timestamp(Date.from(event.createdAt))
        .headers(headers)
        .build();
  }

  private Uni<Connection> connection() {
    Connection connection = current;
    if (connection != null
        && connection.client().isConnected()
        && connection.client().isOpenChannel()) {
      return Uni.createFrom().item(connection);
    }
    return connect(connection);
  }

  private Uni<Connection> connect(Connection stale) {
    if (stale != null) {
      current = null;
      stale.close();
    }
    RabbitMQClient client = RabbitMQClient.create(vertx, new RabbitMQOptions(options));
    ConcurrentNavigableMap<Long, CompletableFuture<Void>> unconfirmed =
        new ConcurrentSkipListMap<>();
    return client
        .start()
        .chain(() -> client.exchangeDeclare(EventTopology.EVENTS_EXCHANGE, "topic", true, false))
        .chain(() -> client.confirmSelect())
        .chain(() -> client.addConfirmListener(100_000))
        .ifNoItem()
        .after(CONNECT_TIMEOUT)
        .failWith(() -> new BrokerUnavailableException("no connection within " + CONNECT_TIMEOUT))
        .map(
            confirmations -> {
              confirmations.handler(confirmation -> settle(unconfirmed, confirmation));
              Connection fresh = new Connection(client, unconfirmed);
              current = fresh;
              return fresh;
            })
        .onFailure()
        .invoke(failure -> client.stop().subscribe().with(ok -> {}, ignored -> {}));
  }

  private static void settle(
      ConcurrentNavigableMap<Long, CompletableFuture<Void>> unconfirmed,
      RabbitMQConfirmation confirmation) {
    Map<Long, CompletableFuture<Void>> settled =
        confirmation.isMultiple()
            ? unconfirmed.headMap(confirmation.getDeliveryTag(), true)
            : unconfirmed.subMap(
                confirmation.getDeliveryTag(), true, confirmation.getDeliveryTag(), true);
    for (CompletableFuture<Void> future : List.copyOf(settled.values())) {
      if (confirmation.isSucceeded()) {
        future.complete(null);
      } else {
        future.completeExceptionally(new BrokerRefusedException("the broker refused the message"));
      }
    }
    settled.clear();
  }

  @PreDestroy
  void close() {
    Connection connection = current;
    current = null;
    if (connection != null) {
      connection.close();
    }
  }

  private record Connection(
      RabbitMQClient client, ConcurrentNavigableMap<Long, CompletableFuture<Void>> unconfirmed) {
    void close() {
      unconfirmed
          .values()
          .forEach(
              f -> f.completeExceptionally(new BrokerUnavailableException("connection closed")));
      unconfirmed.clear();
      client.stop().subscribe().with(ok -> {}, ignored -> {});
    }
  }

  /** The broker answered that it did not take a message (a nack). */
  public static final class BrokerRefusedException extends RuntimeException {
    public BrokerRefusedException(String message) {
      super(message);
    }
  }

  /** The broker could not be asked: the send failed, or no confirm came back in time. */
  public static final class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String message) {
      super(message);
    }
  }
}
