package io.tutti.conversations.testing;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventPayload;
import io.tutti.events.testing.BrokerProbe;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;

/**
 * Publishes the events other services send conversations (connectors' messages and receipts,
 * profiles' contact events) to the real broker, as they would.
 */
public final class Inbound implements AutoCloseable {

  /** The queues conversations consumes; they exist once its consumers have subscribed. */
  private static final List<String> QUEUES =
      List.of(
          "conversations.message-received",
          "conversations.message-status",
          "conversations.contacts");

  private final BrokerProbe broker;

  public Inbound(Vertx vertx) {
    broker = new BrokerProbe(vertx, TuttiTestInfrastructure.vhost(ConversationsTest.VHOST));
    // An event published before a consumer's queue is bound would be dropped by the exchange.
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> QUEUES.stream().allMatch(queue -> broker.messageCount(queue) >= 0));
  }

  /** A new event from {@code source} in the workspace, published; answers it for re-publishing. */
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

  /**
   * The ids of the messages a consumer's queue dead-lettered, taken off its dead-letter queue.
   * Messages of other tests taken with them are theirs to lose: tests look only for their own.
   */
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
