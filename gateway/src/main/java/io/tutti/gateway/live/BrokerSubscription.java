package io.tutti.gateway.live;

import com.rabbitmq.client.AMQP;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.mutiny.rabbitmq.RabbitMQConsumer;
import io.vertx.mutiny.rabbitmq.RabbitMQMessage;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This gateway's own view of {@code tutti.events}: a queue of its own ({@code
 * gateway.live.<instance>}, exclusive, deleted with its connection, so every replica gets every
 * event for its own sockets), bound to the conversation events, delivery receipts and agent
 * presence. A watch reconnects and declares it again after the broker went away; events published
 * meanwhile are lost to this gateway, which the gap callback reports.
 *
 * <p>Also publishes the gateway's own events (agent presence), without confirms: presence is
 * best-effort, and a later one corrects it.
 *
 * <p>Each push continues the trace the event's message carries ({@link LiveTracing}).
 */
@ApplicationScoped
class BrokerSubscription {

  private static final Logger LOG = Logger.getLogger(BrokerSubscription.class);

  /** Deliveries on their way to this gateway at once; acked as soon as they are dispatched. */
  static final int PREFETCH = 256;

  /** What waits in the queue of a stalled gateway before the oldest is dropped. */
  static final int QUEUE_LIMIT = 10_000;

  private final Vertx vertx;
  private final RabbitMQOptions options;
  private final String instanceId;
  private final String queue;
  private final long reconnectMillis;
  private final LiveTracing tracing;
  private final EventReader reader = new EventReader(System::currentTimeMillis);

  private Consumer<LiveEvent> events = event -> {};
  private Runnable gap = () -> {};
  private RabbitMQClient client;
  private boolean connecting;
  private boolean consuming;
  private boolean everConsumed;
  private boolean stopped;
  private long watch = -1;

  BrokerSubscription(
      Vertx vertx,
      LiveConfig config,
      LiveTracing tracing,
      @ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost") String host,
      @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672") int port,
      @ConfigProperty(name = "rabbitmq-username", defaultValue = "guest") String username,
      @ConfigProperty(name = "rabbitmq-password", defaultValue = "guest") String password,
      @ConfigProperty(name = "rabbitmq-virtual-host", defaultValue = "/") String virtualHost,
      @ConfigProperty(name = "quarkus.application.name", defaultValue = "gateway")
          String application) {
    this.vertx = vertx;
    this.tracing = tracing;
    this.instanceId =
        config
            .instanceId()
            .filter(id -> !id.isBlank())
            .orElseGet(() -> HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    this.queue = LiveTopology.queueName(instanceId);
    this.reconnectMillis = Math.max(100, config.reconnectInterval().toMillis());
    this.options =
        new RabbitMQOptions()
            .setHost(host)
            .setPort(port)
            .setUser(username)
            .setPassword(password)
            .setVirtualHost(virtualHost)
            .setConnectionName(application + "-live-" + instanceId)
            .setConnectionTimeout(5_000)
            .setHandshakeTimeout(5_000)
            // A dead connection must show soon: its exclusive queue blocks the next declare.
            .setRequestedHeartbeat(10)
            // The watch below reconnects and declares the queue again; the client's own
            // recovery would do neither for the consumer.
            .setAutomaticRecoveryEnabled(false)
            .setReconnectAttempts(0);
  }

  String instanceId() {
    return instanceId;
  }

  String queue() {
    return queue;
  }

  /**
   * Starts consuming: every event to push goes to {@code events}; {@code gap} after a reconnect.
   */
  synchronized void start(Consumer<LiveEvent> events, Runnable gap) {
    this.events = events;
    this.gap = gap;
    connect();
    watch = vertx.setPeriodic(reconnectMillis, id -> check());
  }

  /** Publishes an event of this gateway's; fails when the broker cannot be reached now. */
  Uni<Void> publish(String workspaceId, String type, JsonObject payload) {
    RabbitMQClient open = current();
    if (open == null || !open.isConnected()) {
      return Uni.createFrom().failure(new IllegalStateException("not connected to the broker"));
    }
    UUID id = EventIds.next();
    JsonObject envelope =
        new JsonObject()
            .put("id", id.toString())
            .put("type", type)
            .put("version", 1)
            .put("occurredAt", Instant.now().toString())
            .put("workspaceId", workspaceId)
            .put("source", LiveTopology.SOURCE)
            .put("correlationId", id.toString())
            .put("payload", payload);
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder()
            .messageId(id.toString())
            .contentType("application/json")
            .deliveryMode(1)
            .build();
    return open.basicPublish(
        LiveTopology.EVENTS_EXCHANGE, type, properties, Buffer.buffer(envelope.encode()));
  }

  private synchronized RabbitMQClient current() {
    return client;
  }

  private synchronized void check() {
    if (stopped || connecting) {
      return;
    }
    if (client == null || !client.isConnected() || !consuming) {
      connect();
    }
  }

  private synchronized void connect() {
    if (stopped || connecting) {
      return;
    }
    connecting = true;
    consuming = false;
    if (client != null) {
      stopQuietly(client);
      client = null;
    }
    RabbitMQClient fresh = RabbitMQClient.create(vertx, new RabbitMQOptions(options));
    fresh
        .start()
        .chain(() -> fresh.exchangeDeclare(LiveTopology.EVENTS_EXCHANGE, "topic", true, false))
        .chain(
            () ->
                fresh.queueDeclare(
                    queue,
                    false,
                    true,
                    true,
                    new JsonObject()
                        .put("x-queue-type", "classic")
                        .put("x-max-length", QUEUE_LIMIT)
                        .put("x-overflow", "drop-head")))
        .chain(() -> bind(fresh, 0))
        .chain(() -> fresh.basicQos(PREFETCH))
        .chain(
            () ->
                fresh.basicConsumer(
                    queue, new QueueOptions().setAutoAck(false).setMaxInternalQueueSize(PREFETCH)))
        .subscribe()
        .with(consumer -> consuming(fresh, consumer), failure -> notConnected(fresh, failure));
  }

  private Uni<Void> bind(RabbitMQClient fresh, int index) {
    if (index == LiveTopology.BINDINGS.size()) {
      return Uni.createFrom().voidItem();
    }
    return fresh
        .queueBind(queue, LiveTopology.EVENTS_EXCHANGE, LiveTopology.BINDINGS.get(index))
        .chain(() -> bind(fresh, index + 1));
  }

  private void consuming(RabbitMQClient fresh, RabbitMQConsumer consumer) {
    boolean reconnected;
    synchronized (this) {
      connecting = false;
      if (stopped) {
        stopQuietly(fresh);
        return;
      }
      client = fresh;
      consuming = true;
      reconnected = everConsumed;
      everConsumed = true;
    }
    consumer.handler(message -> deliver(fresh, message));
    consumer.exceptionHandler(failure -> LOG.debugf("live consumer: %s", failure.toString()));
    consumer.endHandler(() -> ended(fresh));
    LOG.infof("live updates consuming %s", queue);
    if (reconnected) {
      gap.run();
    }
  }

  private void deliver(RabbitMQClient from, RabbitMQMessage message) {
    LiveEvent event = reader.read(message.body().getDelegate());
    from.basicAck(message.envelope().getDeliveryTag(), false)
        .subscribe()
        .with(ok -> {}, failure -> LOG.debugf("ack failed: %s", failure.toString()));
    if (event != null) {
      try {
        tracing.push(
            message.properties().getHeaders(),
            message.envelope().getRoutingKey(),
            event,
            () -> events.accept(event));
      } catch (RuntimeException e) {
        LOG.warnf(e, "live event %s could not be pushed", event.id());
      }
    }
  }

  private synchronized void ended(RabbitMQClient from) {
    if (client == from) {
      consuming = false;
    }
  }

  private void notConnected(RabbitMQClient fresh, Throwable failure) {
    synchronized (this) {
      connecting = false;
    }
    stopQuietly(fresh);
    LOG.warnf(
        "live updates cannot consume %s (trying again in %d ms): %s",
        queue, reconnectMillis, failure.getMessage());
  }

  @PreDestroy
  synchronized void stop() {
    stopped = true;
    if (watch != -1) {
      vertx.cancelTimer(watch);
    }
    if (client != null) {
      stopQuietly(client);
      client = null;
    }
  }

  private static void stopQuietly(RabbitMQClient client) {
    client.stop().subscribe().with(ok -> {}, ignored -> {});
  }
}
