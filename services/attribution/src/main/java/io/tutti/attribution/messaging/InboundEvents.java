package io.tutti.attribution.messaging;

import io.smallrye.mutiny.Uni;
import io.tutti.attribution.contact.ContactProjection;
import io.tutti.attribution.touch.MessageTouches;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventTypes;
import io.tutti.events.consumer.IdempotentConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * What attribution hears: customers' messages (touches) on one queue, and profiles' contact events
 * (who each identity is, conversions, merges, erasures) on another. Each event is handled once,
 * acked after its transaction commits.
 */
@ApplicationScoped
public class InboundEvents {

  static final String MESSAGES = "attribution.message-received";
  static final String CONTACTS = "attribution.contacts";
  private static final Logger LOG = Logger.getLogger(InboundEvents.class);

  private final IdempotentConsumer consumer;
  private final MessageTouches messages;
  private final ContactProjection contacts;

  public InboundEvents(
      IdempotentConsumer consumer, MessageTouches messages, ContactProjection contacts) {
    this.consumer = consumer;
    this.messages = messages;
    this.contacts = contacts;
  }

  @Incoming("message-received")
  Uni<Void> onMessage(Message<?> message) {
    return consumer.handle(MESSAGES, message, messages::received);
  }

  @Incoming("contacts")
  Uni<Void> onContact(Message<?> message) {
    return consumer.handle(CONTACTS, message, this::contact);
  }

  private Uni<Void> contact(EventEnvelope event) {
    return switch (event.type()) {
      case EventTypes.CONTACT_RESOLVED -> contacts.resolved(event);
      case EventTypes.CONTACT_UPDATED -> contacts.updated(event);
      case EventTypes.CONTACT_STAGE_CHANGED -> contacts.stageChanged(event);
      case EventTypes.CONTACT_MERGED -> contacts.merged(event);
      case EventTypes.CONTACT_UNMERGED -> contacts.unmerged(event);
      case EventTypes.CONTACT_ERASED -> contacts.erased(event);
      default -> {
        LOG.debugf("%s ignores %s", CONTACTS, event.type());
        yield Uni.createFrom().voidItem();
      }
    };
  }
}
