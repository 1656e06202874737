package io.tutti.conversations.messaging;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.contact.ContactLinkService;
import io.tutti.conversations.contact.ContactProfileService;
import io.tutti.conversations.message.DeliveryStatusService;
import io.tutti.conversations.message.InboundMessageService;
import io.tutti.conversations.privacy.ContactErasure;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventTypes;
import io.tutti.events.consumer.IdempotentConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The events conversations consumes, each on its own quorum queue. Every one is handled through the
 * idempotent consumer: claimed and handled in one transaction, acked after the commit, retried on
 * failure and dead-lettered after the bounded attempts.
 */
@ApplicationScoped
public class InboundEvents {

  private static final Logger LOG = Logger.getLogger(InboundEvents.class);

  private final IdempotentConsumer consumer;
  private final InboundMessageService inbound;
  private final DeliveryStatusService deliveries;
  private final ContactLinkService contacts;
  private final ContactProfileService profiles;
  private final ContactErasure erasure;

  public InboundEvents(
      IdempotentConsumer consumer,
      InboundMessageService inbound,
      DeliveryStatusService deliveries,
      ContactLinkService contacts,
      ContactProfileService profiles,
      ContactErasure erasure) {
    this.consumer = consumer;
    this.inbound = inbound;
    this.deliveries = deliveries;
    this.contacts = contacts;
    this.profiles = profiles;
    this.erasure = erasure;
  }

  @Incoming("message-received")
  Uni<Void> onMessageReceived(Message<?> message) {
    return consumer.handle("conversations.message-received", message, inbound::receive);
  }

  @Incoming("message-status")
  Uni<Void> onMessageStatus(Message<?> message) {
    return consumer.handle("conversations.message-status", message, deliveries::apply);
  }

  @Incoming("contacts")
  Uni<Void> onContactEvent(Message<?> message) {
    return consumer.handle("conversations.contacts", message, this::contactEvent);
  }

  private Uni<Void> contactEvent(EventEnvelope event) {
    return switch (event.type()) {
      case EventTypes.CONTACT_RESOLVED -> contacts.resolved(event);
      case EventTypes.CONTACT_MERGED -> contacts.merged(event);
      case EventTypes.CONTACT_UNMERGED -> contacts.unmerged(event);
      case EventTypes.CONTACT_UPDATED -> profiles.updated(event);
      case EventTypes.CONTACT_STAGE_CHANGED -> profiles.stageChanged(event);
      case EventTypes.CONTACT_ERASED -> erasure.erase(event);
      default -> {
        // The queue binds only the keys above; anything else was bound by hand.
        LOG.debugf("conversations.contacts ignores %s", event.type());
        yield Uni.createFrom().voidItem();
      }
    };
  }
}
