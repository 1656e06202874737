package io.tutti.connectors.inbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.events.EventEnvelope;
import io.tutti.events.UuidV7;
import io.tutti.events.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Takes one verified delivery in: in a single transaction it stores the raw bytes, claims each
 * message's platform id and writes an outbox event for every one seen for the first time. The
 * caller acknowledges the platform only after this commits, so an accepted delivery is never lost
 * and a retried one is never counted twice; the broker is not on this path at all.
 */
@ApplicationScoped
public class InboundPipeline {

  static final String SOURCE = "connectors";

  private final Outbox outbox;
  private final InboundKeyRepository keys;
  private final WebhookDeliveryRepository deliveries;

  public InboundPipeline(
      Outbox outbox, InboundKeyRepository keys, WebhookDeliveryRepository deliveries) {
    this.outbox = outbox;
    this.keys = keys;
    this.deliveries = deliveries;
  }

  /** What became of a delivery. */
  public record Accepted(UUID deliveryId, int events, int duplicates, List<String> ignored) {}

  public Uni<Accepted> accept(
      InboxContext inbox, String contentType, byte[] body, List<InboundItem> items) {
    UUID deliveryId = UuidV7.next();
    Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<InboundItem.Emitted> emitted =
        items.stream()
            .filter(InboundItem.Emitted.class::isInstance)
            .map(InboundItem.Emitted.class::cast)
            .toList();
    List<String> ignored =
        items.stream()
            .filter(InboundItem.Ignored.class::isInstance)
            .map(item -> ((InboundItem.Ignored) item).kind())
            .distinct()
            .toList();
    return Panache.withTransaction(
        () ->
            Multi.createFrom()
                .iterable(emitted)
                .onItem()
                .transformToUniAndConcatenate(item -> emitOnce(item, deliveryId, receivedAt))
                .collect()
                .asList()
                .chain(
                    firstTimes -> {
                      int events = (int) firstTimes.stream().filter(Boolean::booleanValue).count();
                      WebhookDelivery delivery = new WebhookDelivery();
                      delivery.id = deliveryId;
                      delivery.inboxId = inbox.id();
                      delivery.workspaceId = inbox.workspaceId();
                      delivery.channel = inbox.channel().id();
                      delivery.receivedAt = receivedAt;
                      delivery.contentType = truncate(contentType, 255);
                      delivery.body = body;
                      delivery.events = events;
                      delivery.duplicates = firstTimes.size() - events;
                      delivery.ignored =
                          ignored.isEmpty()
                              ? null
                              : truncate(ignored.stream().collect(Collectors.joining(",")), 2000);
                      return deliveries
                          .persist(delivery)
                          .replaceWith(
                              new Accepted(deliveryId, events, delivery.duplicates, ignored));
                    }));
  }

  private Uni<Boolean> emitOnce(InboundItem.Emitted item, UUID deliveryId, Instant at) {
    return keys.claim(item.inboxId(), item.key(), deliveryId, at)
        .chain(
            first -> {
              if (!first) {
                return Uni.createFrom().item(false);
              }
              return outbox
                  .add(
                      EventEnvelope.of(
                          SOURCE, item.workspaceId(), deliveryId.toString(), item.payload()))
                  .replaceWith(true);
            });
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
