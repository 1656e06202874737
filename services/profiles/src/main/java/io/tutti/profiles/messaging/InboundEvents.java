package io.tutti.profiles.messaging;

import io.smallrye.mutiny.Uni;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventTypes;
import io.tutti.events.consumer.IdempotentConsumer;
import io.tutti.profiles.identity.IdentityResolver;
import io.tutti.profiles.timeline.AttributionProjection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * What profiles hears: every customer message (to know who wrote), the people attribution observes
 * outside conversations (website visitors who identify, shop buyers: resolved like senders), and
 * attribution's sessions and sales (for the timeline, first and last touch, and the customer
 * stage). Each event is handled once per consumer, acked after its transaction commits.
 */
@ApplicationScoped
public class InboundEvents {

  static final String MESSAGES = "profiles.message-received";
  static final String ATTRIBUTION = "profiles.attribution";
  static final String IDENTITIES = "profiles.identity-observed";
  private static final Logger LOG = Logger.getLogger(InboundEvents.class);

  private final IdempotentConsumer consumer;
  private final IdentityResolver resolver;
  private final AttributionProjection attribution;

  public InboundEvents(
      IdempotentConsumer consumer, IdentityResolver resolver, AttributionProjection attribution) {
    this.consumer = consumer;
    this.resolver = resolver;
    this.attribution = attribution;
  }

  @Incoming("message-received")
  public Uni<Void> onMessage(Message<?> message) {
    return consumer.handle(MESSAGES, message, resolver::resolve);
  }

  @Incoming("identity-observed")
  public Uni<Void> onIdentityObserved(Message<?> message) {
    return consumer.handle(IDENTITIES, message, resolver::observe);
  }

  @Incoming("attribution")
  public Uni<Void> onAttribution(Message<?> message) {
    return consumer.handle(ATTRIBUTION, message, this::attribution);
  }

  private Uni<Void> attribution(EventEnvelope event) {
    return switch (event.type()) {
      case EventTypes.SESSION_RECORDED -> attribution.session(event);
      case EventTypes.SALE_RECORDED -> attribution.sale(event);
      default -> {
        LOG.debugf("%s ignores %s", ATTRIBUTION, event.type());
        yield Uni.createFrom().voidItem();
      }
    };
  }
}
