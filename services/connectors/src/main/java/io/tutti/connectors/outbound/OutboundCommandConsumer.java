package io.tutti.connectors.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.deadletter.DeadLetter;
import io.tutti.connectors.deadletter.DeadLetterService;
import io.tutti.connectors.inbox.Channel;
import io.tutti.events.EventCodec;
import io.tutti.events.EventEnvelope;
import io.tutti.events.UuidV7;
import io.tutti.events.consumer.IdempotentConsumer;
import io.tutti.events.tracing.EventTracing;
import io.tutti.events.type.OutboundRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes {@code outbound.requested} from conversations: records the reply (once per message id,
 * however often the command arrives) and wakes the dispatcher. Nothing is sent here, so the command
 * is acked as soon as the reply is safely recorded.
 *
 * <p>The reply keeps the command's trace, so the platform call made later is part of it.
 */
@ApplicationScoped
public class OutboundCommandConsumer {

  static final String CONSUMER = "connectors.outbound-requested";
  private static final Logger LOG = Logger.getLogger(OutboundCommandConsumer.class);

  private final IdempotentConsumer consumer;
  private final OutboundMessageRepository messages;
  private final DeadLetterService deadLetters;
  private final OutboundDispatcher dispatcher;
  private final ObjectMapper json;
  private final EventTracing tracing;

  public OutboundCommandConsumer(
      IdempotentConsumer consumer,
      OutboundMessageRepository messages,
      DeadLetterService deadLetters,
      OutboundDispatcher dispatcher,
      ObjectMapper json,
      EventTracing tracing) {
    this.consumer = consumer;
    this.messages = messages;
    this.deadLetters = deadLetters;
    this.dispatcher = dispatcher;
    this.json = json;
    this.tracing = tracing;
  }

  @Incoming("outbound-requested")
  public Uni<Void> onCommand(Message<?> message) {
    return consumer.handle(CONSUMER, message, this::record).invoke(dispatcher::wake);
  }

  Uni<Void> record(EventEnvelope envelope) {
    if (!(envelope.payload() instanceof OutboundRequested command)) {
      return Uni.createFrom().voidItem();
    }
    String invalid = invalid(command);
    if (invalid != null) {
      LOG.warnf("outbound command %s cannot be sent: %s", envelope.id(), invalid);
      return deadLetters.ofEvent(
          DeadLetter.REJECTED, envelope, EventCodec.encodeToString(envelope), invalid, 1);
    }
    OutboundMessage row = new OutboundMessage();
    row.id = UuidV7.next();
    row.workspaceId = envelope.workspaceId();
    row.messageId = command.messageId();
    row.conversationId = command.conversationId();
    row.inboxId = UUID.fromString(command.inboxId());
    row.channel = command.channel();
    row.recipient = command.externalContactId();
    row.eventId = envelope.id();
    row.correlationId = envelope.correlationId();
    row.requestedAt = envelope.occurredAt().truncatedTo(ChronoUnit.MICROS);
    row.state = OutboundMessage.QUEUED;
    row.nextAttemptAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    EventTracing.TraceHeaders trace = tracing.capture();
    if (trace != null) {
      row.traceparent = trace.traceparent();
      row.tracestate = trace.tracestate();
    }
    try {
      row.command = json.writeValueAsString(command);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return messages
        .recordOnce(row)
        .invoke(
            recorded -> {
              if (!recorded) {
                LOG.debugf("reply %s was requested before; not sending it again", row.messageId);
              }
            })
        .replaceWithVoid();
  }

  /** Why the command can never be sent as it is, or null when it can be tried. */
  static String invalid(OutboundRequested command) {
    if (blank(command.messageId()) || command.messageId().length() > 100) {
      return "The command names no message id (1-100 characters).";
    }
    if (!isUuid(command.inboxId())) {
      return "The command names no valid inbox id.";
    }
    if (Channel.of(command.channel()).isEmpty()) {
      return "The command names no known channel (" + Channel.names() + ").";
    }
    if (blank(command.externalContactId()) || command.externalContactId().length() > 320) {
      return "The command names no recipient.";
    }
    return null;
  }

  private static boolean isUuid(String value) {
    if (value == null || value.length() != 36) {
      return false;
    }
    try {
      UUID.fromString(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
