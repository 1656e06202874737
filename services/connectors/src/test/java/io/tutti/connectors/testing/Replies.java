package io.tutti.connectors.testing;

import com.rabbitmq.client.AMQP;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import io.tutti.events.testing.BrokerProbe;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.OutboundRequested;
import io.vertx.mutiny.core.Vertx;
import java.util.List;
import java.util.UUID;

/** Asks connectors to send replies the way conversations does: outbound.requested on the broker. */
public final class Replies {

  private Replies() {}

  /** A text reply with a fresh message id to the customer on the inbox. */
  public static OutboundRequested text(String inboxId, String channel, String to, String text) {
    return new OutboundRequested(
        "msg-" + UUID.randomUUID(),
        "conv-" + UUID.randomUUID(),
        inboxId,
        channel,
        to,
        text,
        List.of(),
        null);
  }

  /** The same reply with attachments. */
  public static OutboundRequested withAttachments(
      OutboundRequested reply, List<Attachment> attachments) {
    return new OutboundRequested(
        reply.messageId(),
        reply.conversationId(),
        reply.inboxId(),
        reply.channel(),
        reply.externalContactId(),
        reply.text(),
        attachments,
        reply.replyToPlatformMessageId(),
        reply.subject(),
        reply.references(),
        reply.template(),
        reply.authorName());
  }

  /** The same reply quoting a message of the customer. */
  public static OutboundRequested replyingTo(OutboundRequested reply, String platformMessageId) {
    return new OutboundRequested(
        reply.messageId(),
        reply.conversationId(),
        reply.inboxId(),
        reply.channel(),
        reply.externalContactId(),
        reply.text(),
        reply.attachments(),
        platformMessageId,
        reply.subject(),
        reply.references(),
        reply.template(),
        reply.authorName());
  }

  /** Publishes the reply as a new event of workspace {@code acme}; answers the event. */
  public static EventEnvelope send(Vertx vertx, OutboundRequested reply) {
    return send(vertx, "acme", reply);
  }

  public static EventEnvelope send(Vertx vertx, String workspace, OutboundRequested reply) {
    EventEnvelope event = EventEnvelope.of("conversations", workspace, null, reply);
    publish(vertx, event);
    return event;
  }

  /** Publishes an event as it is (once more, as a broker redelivers; or another service's). */
  public static void publish(Vertx vertx, EventEnvelope event) {
    try (BrokerProbe broker =
        new BrokerProbe(vertx, TuttiTestInfrastructure.vhost(ConnectorsTest.VHOST))) {
      broker.publish(event.type(), properties(event), EventCodec.encode(event));
    }
  }

  /** Puts an event straight into a queue, as the broker does when it dead-letters one. */
  public static void publishToQueue(Vertx vertx, String queue, EventEnvelope event) {
    try (BrokerProbe broker =
        new BrokerProbe(vertx, TuttiTestInfrastructure.vhost(ConnectorsTest.VHOST))) {
      broker.publishToQueue(queue, properties(event), EventCodec.encode(event));
    }
  }

  private static AMQP.BasicProperties properties(EventEnvelope event) {
    return new AMQP.BasicProperties.Builder()
        .messageId(event.id().toString())
        .contentType("application/json")
        .deliveryMode(2)
        .build();
  }
}
