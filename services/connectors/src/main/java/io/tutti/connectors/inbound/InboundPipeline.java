package io.tutti.connectors.inbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.config.ConnectorsConfig;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.connectors.outbound.ContactWindowRepository;
import io.tutti.connectors.outbound.PlatformIdRepository;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventPayload;
import io.tutti.events.UuidV7;
import io.tutti.events.outbox.Outbox;
import io.tutti.events.type.Attachment;
import io.tutti.events.type.MessageReceived;
import io.tutti.events.type.MessageStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>In the same transaction a customer's message on a Meta channel moves the contact's messaging
 * window, and a receipt for one of our replies is given our message id, so conversations need not
 * know the platform's ids to show it.
 */
@ApplicationScoped
public class InboundPipeline {

  static final String SOURCE = "connectors";

  private final Outbox outbox;
  private final InboundKeyRepository keys;
  private final WebhookDeliveryRepository deliveries;
  private final ContactWindowRepository windows;
  private final PlatformIdRepository platformIds;
  private final String publicUrl;

  public InboundPipeline(
      Outbox outbox,
      InboundKeyRepository keys,
      WebhookDeliveryRepository deliveries,
      ContactWindowRepository windows,
      PlatformIdRepository platformIds,
      ConnectorsConfig config) {
    this.outbox = outbox;
    this.keys = keys;
    this.deliveries = deliveries;
    this.windows = windows;
    this.platformIds = platformIds;
    String url = config.publicUrl().strip();
    this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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
              return enrich(item, at)
                  .chain(
                      payload ->
                          outbox.add(
                              EventEnvelope.of(
                                  SOURCE, item.workspaceId(), deliveryId.toString(), payload)))
                  .replaceWith(true);
            });
  }

  private Uni<EventPayload> enrich(InboundItem.Emitted item, Instant at) {
    if (item.payload() instanceof MessageReceived received) {
      MessageReceived message = withMediaUrls(item.inboxId(), received);
      if (!opensWindow(message.channel())) {
        return Uni.createFrom().item(message);
      }
      Instant sentAt =
          message.sentAt() != null && message.sentAt().isBefore(at) ? message.sentAt() : at;
      return windows
          .touch(item.inboxId(), message.externalContactId(), sentAt)
          .replaceWith((EventPayload) message);
    }
    if (item.payload() instanceof MessageStatusChanged status
        && status.messageId() == null
        && status.platformMessageId() != null) {
      return platformIds
          .messageIdOf(item.inboxId(), status.platformMessageId())
          .<EventPayload>map(
              messageId ->
                  messageId == null
                      ? status
                      : new MessageStatusChanged(
                          status.inboxId(),
                          status.channel(),
                          messageId,
                          status.platformMessageId(),
                          status.status(),
                          status.error(),
                          status.at(),
                          status.externalContactId(),
                          status.watermark()));
    }
    return Uni.createFrom().item(item.payload());
  }

  /**
   * Files a platform sent by id (WhatsApp media, Telegram files) get the URL where Tutti serves
   * them to the workspace's agents, fetched from the platform with the inbox's credentials.
   */
  private MessageReceived withMediaUrls(UUID inboxId, MessageReceived message) {
    if (message.attachments() == null
        || message.attachments().stream()
            .noneMatch(a -> a.url() == null && a.platformId() != null)) {
      return message;
    }
    return message.withAttachments(
        message.attachments().stream()
            .map(
                a ->
                    a.url() == null && a.platformId() != null
                        ? new Attachment(
                            a.type(),
                            publicUrl
                                + "/api/inboxes/"
                                + inboxId
                                + "/media/"
                                + URLEncoder.encode(a.platformId(), StandardCharsets.UTF_8),
                            a.name(),
                            a.size(),
                            a.contentType(),
                            a.platformId())
                        : a)
            .toList());
  }

  /** The channels whose platforms count a reply window from the customer's last message. */
  private static boolean opensWindow(String channel) {
    return "messenger".equals(channel) || "instagram".equals(channel) || "whatsapp".equals(channel);
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
