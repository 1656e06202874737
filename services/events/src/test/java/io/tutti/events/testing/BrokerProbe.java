package io.tutti.events.testing;

import io.tutti.events.EventTopology;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.mutiny.rabbitmq.RabbitMQMessage;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain AMQP client for tests: declares throwaway queues on {@code tutti.events}, drains them and
 * publishes raw bytes, so assertions see exactly what is on the broker.
 */
public final class BrokerProbe implements AutoCloseable {

  private final RabbitMQClient client;

  public BrokerProbe(Vertx vertx, String virtualHost) {
    this.client =
        RabbitMQClient.create(
            vertx,
            new RabbitMQOptions()
                .setHost(TuttiTestInfrastructure.env("TUTTI_RABBITMQ_HOST", "127.0.0.1"))
                .setPort(
                    Integer.parseInt(TuttiTestInfrastructure.env("TUTTI_RABBITMQ_PORT", "5672")))
                .setUser(TuttiTestInfrastructure.env("TUTTI_RABBITMQ_USER", "guest"))
                .setPassword(TuttiTestInfrastructure.env("TUTTI_RABBITMQ_PASSWORD", "guest"))
                .setVirtualHost(virtualHost));
    client.startAndAwait();
    client.exchangeDeclareAndAwait(EventTopology.EVENTS_EXCHANGE, "topic", true, false);
  }

  /** A fresh, empty queue bound to {@code tutti.events} with the given routing key. */
  public void bindFreshQueue(String queue, String routingKey, JsonObject arguments) {
    client.queueDeleteAndAwait(queue);
    client.queueDeclareAndAwait(queue, true, false, false, arguments);
    client.queueBindAndAwait(queue, EventTopology.EVENTS_EXCHANGE, routingKey);
  }

  /** Binds an existing queue to one more routing key. */
  public void bind(String queue, String routingKey) {
    client.queueBindAndAwait(queue, EventTopology.EVENTS_EXCHANGE, routingKey);
  }

  /** Takes every message that is in the queue now, acking each. */
  public List<RabbitMQMessage> drain(String queue) {
    List<RabbitMQMessage> taken = new ArrayList<>();
    RabbitMQMessage message;
    while ((message = client.basicGetAndAwait(queue, true)) != null) {
      taken.add(message);
    }
    return taken;
  }

  public long messageCount(String queue) {
    return client.messageCountAndAwait(queue);
  }

  public void publish(
      String routingKey, com.rabbitmq.client.BasicProperties properties, byte[] body) {
    client.basicPublishAndAwait(
        EventTopology.EVENTS_EXCHANGE, routingKey, properties, Buffer.buffer(body));
  }

  /** Publishes straight to a queue (the default exchange), as the broker dead-letters into one. */
  public void publishToQueue(
      String queue, com.rabbitmq.client.BasicProperties properties, byte[] body) {
    client.basicPublishAndAwait("", queue, properties, Buffer.buffer(body));
  }

  public void deleteQueue(String queue) {
    client.queueDeleteAndAwait(queue);
  }

  @Override
  public void close() {
    client.stopAndAwait();
  }
}
