package io.tutti.gateway.live;

import com.rabbitmq.client.AMQP;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes the events conversations and connectors would to {@code tutti.events} in the gateway
 * tests' vhost, shaped as they publish them (null fields left out).
 */
final class TestEvents implements AutoCloseable {

  static final String VHOST = TuttiTestInfrastructure.vhost("tutti-test-gateway");

  private final RabbitMQClient client;

  TestEvents(io.vertx.core.Vertx vertx) {
    client =
        RabbitMQClient.create(
            Vertx.newInstance(vertx),
            new RabbitMQOptions()
                .setHost(env("TUTTI_RABBITMQ_HOST", "127.0.0.1"))
                .setPort(Integer.parseInt(env("TUTTI_RABBITMQ_PORT", "5672")))
                .setUser(env("TUTTI_RABBITMQ_USER", "guest"))
                .setPassword(env("TUTTI_RABBITMQ_PASSWORD", "guest"))
                .setVirtualHost(VHOST));
    client.startAndAwait();
    client.exchangeDeclareAndAwait(LiveTopology.EVENTS_EXCHANGE, "topic", true, false);
  }

  /** Publishes an event of the workspace; answers its id. */
  String publish(String workspace, String type, JsonObject payload) {
    return publish(workspace, type, payload, Map.of());
  }

  /** Publishes an event with AMQP headers (a {@code traceparent}, as the outbox relay sets). */
  String publish(String workspace, String type, JsonObject payload, Map<String, Object> headers) {
    String id = EventIds.next().toString();
    JsonObject envelope =
        new JsonObject()
            .put("id", id)
            .put("type", type)
            .put("version", 1)
            .put("occurredAt", Instant.now().toString())
            .put("workspaceId", workspace)
            .put("source", "conversations")
            .put("correlationId", id)
            .put("payload", payload);
    client.basicPublishAndAwait(
        LiveTopology.EVENTS_EXCHANGE,
        type,
        new AMQP.BasicProperties.Builder()
            .messageId(id)
            .contentType("application/json")
            .headers(headers)
            .build(),
        Buffer.buffer(envelope.encode()));
    return id;
  }

  String opened(String workspace, String conversationId, String assigneeId, String teamId) {
    return opened(workspace, conversationId, assigneeId, teamId, Map.of());
  }

  String opened(
      String workspace,
      String conversationId,
      String assigneeId,
      String teamId,
      Map<String, Object> headers) {
    return publish(
        workspace,
        LiveTopology.CONVERSATION_OPENED,
        conversation(conversationId, assigneeId, teamId)
            .put("channel", "whatsapp")
            .put("status", "open")
            .put("contactName", "Dana"),
        headers);
  }

  String updated(String workspace, String conversationId, String assigneeId, String teamId) {
    return publish(
        workspace,
        LiveTopology.CONVERSATION_UPDATED,
        conversation(conversationId, assigneeId, teamId)
            .put("status", "open")
            .put("changed", new io.vertx.core.json.JsonArray().add("assignee").add("team"))
            .put("by", "someone"));
  }

  String messageAdded(
      String workspace, String conversationId, String messageId, String assigneeId, String teamId) {
    return publish(
        workspace,
        LiveTopology.CONVERSATION_MESSAGE_ADDED,
        conversation(conversationId, assigneeId, teamId)
            .put("messageId", messageId)
            .put("direction", "out")
            .put("preview", "On its way")
            .put("status", "pending"));
  }

  String statusChanged(String workspace, String messageId, String status) {
    return publish(
        workspace,
        LiveTopology.MESSAGE_STATUS_CHANGED,
        new JsonObject()
            .put("inboxId", UUID.randomUUID().toString())
            .put("channel", "whatsapp")
            .put("messageId", messageId)
            .put("status", status));
  }

  /** A conversation's payload; a null assignee or team is left out, as conversations does. */
  private static JsonObject conversation(String conversationId, String assigneeId, String teamId) {
    JsonObject payload =
        new JsonObject().put("conversationId", conversationId).put("inboxId", "inbox-1");
    if (assigneeId != null) {
      payload.put("assigneeId", assigneeId);
    }
    if (teamId != null) {
      payload.put("teamId", teamId);
    }
    return payload;
  }

  @Override
  public void close() {
    client.stopAndAwait();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
