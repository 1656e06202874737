package io.tutti.events.testing;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventPayload;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;

/**
 * Publishes the events other services would send the service under test, to the real broker, once
 * the service's queues exist (an event published before its queue is bound would be dropped).
 */
public final class EventPublisher implements AutoCloseable {

  private final BrokerProbe broker;

  /**
   * @param queues the queues the service under test consumes
   */
  public EventPublisher(Vertx vertx, String virtualHost, List<String> queues) {
    broker = new BrokerProbe(vertx, virtualHost);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> queues.stream().allMatch(queue -> broker.messageCount(queue) >= 0));
  }

  /** A new event from {@code source} in the workspace, published; answers it. */
  public EventEnvelope publish(String source, String workspaceId, EventPayload payload) {
    EventEnvelope event = EventEnvelope.of(source, workspaceId, null, payload);
    publish(event);
    return event;
  }

  /** Publishes an event as it is (again, for a redelivery). */
  public void publish(EventEnvelope event) {
    broker.publish(
        event.type(),
        new AMQP.BasicProperties.Builder()
            .messageId(event.id().toString())
            .contentType("application/json")
            .deliveryMode(2)
            .build(),
        EventCodec.encode(event));
  }

  /** Publishes bytes that are no event, as a broken producer might. */
  public void publishRaw(String routingKey, String messageId, byte[] body) {
    broker.publish(
        routingKey,
        new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2).build(),
        body);
  }

  /** The ids of the messages a queue dead-lettered, taken off its dead-letter queue. */
  public List<String> deadLettered(String queue) {
    return broker.drain(queue + ".dlq").stream()
        .map(message -> message.properties().getMessageId())
        .toList();
  }

  @Override
  public void close() {
    broker.close();
  }
}
