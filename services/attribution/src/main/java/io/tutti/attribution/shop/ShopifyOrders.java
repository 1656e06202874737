package io.tutti.attribution.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tutti.attribution.contact.Contacts;
import io.tutti.attribution.conversion.SaleService;
import io.tutti.attribution.persistence.NativeSql;
import io.tutti.events.type.IdentityObserved;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Turns a shop's signed {@code orders/create} and {@code orders/paid} webhooks into sales: one per
 * order, however often and under whichever topic Shopify delivers it.
 */
@ApplicationScoped
public class ShopifyOrders {

  /** The topics whose order is a sale; Shopify sends a paid order under both. */
  static final Set<String> SALE_TOPICS = Set.of("orders/create", "orders/paid");

  /** What observed the buyer, in {@code identity.observed}. */
  static final String SOURCE = "shopify";

  /** Well past Shopify's retries (8 over 4 hours); later redeliveries meet the order's sale. */
  private static final Duration KEEP_DELIVERIES = Duration.ofDays(7);

  /** A webhook delivery as it arrived. */
  public record Delivery(String topic, String webhookId, String signature, byte[] body) {}

  private final ShopSecrets secrets;
  private final SaleService sales;
  private final Contacts contacts;
  private final ObjectMapper json;

  public ShopifyOrders(
      ShopSecrets secrets, SaleService sales, Contacts contacts, ObjectMapper json) {
    this.secrets = secrets;
    this.sales = sales;
    this.contacts = contacts;
    this.json = json;
  }

  /**
   * @throws io.tutti.web.problem.ProblemException 404 for no such shop, 401 for a bad signature,
   *     400 for a body that is not JSON, 422 for an order no sale can be recorded from (also when
   *     the workspace has no exchange rate for its currency); Shopify retries each
   */
  public Uni<WebhookAnswer> receive(String shopId, Delivery delivery) {
    UUID id = ShopService.idOf(shopId);
    return Panache.withSession(() -> Shop.<Shop>findById(id))
        .onItem()
        .ifNull()
        .failWith(() -> Problem.notFound("No shop answers at this webhook URL.").exception())
        .chain(
            shop -> {
              String secret = secrets.open(shop.id, shop.webhookSecret);
              ShopifySignature.verify(secret, delivery.signature(), delivery.body());
              String topic =
                  delivery.topic() == null ? "" : delivery.topic().strip().toLowerCase(Locale.ROOT);
              if (!SALE_TOPICS.contains(topic)) {
                return Uni.createFrom()
                    .item(WebhookAnswer.ignored("Topic '" + topic + "' records no sale."));
              }
              ShopifyOrder order = ShopifyOrder.read(json, delivery.body());
              if (order.test()) {
                return Uni.createFrom()
                    .item(WebhookAnswer.ignored("A test order records no sale."));
              }
              return record(shop.id, shop.workspaceId, delivery.webhookId(), order);
            });
  }

  private Uni<WebhookAnswer> record(
      UUID shopId, String workspaceId, String webhookId, ShopifyOrder order) {
    return Panache.withTransaction(
            () ->
                firstDelivery(shopId, webhookId, order.orderId())
                    .chain(
                        first -> first ? sale(workspaceId, order) : recorded(workspaceId, order)))
        .onFailure(ShopifyOrders::isDuplicate)
        .recoverWithUni(() -> Panache.withSession(() -> recorded(workspaceId, order)));
  }

  /**
   * Notes the delivery in the sale's transaction (so a delivery whose sale failed is taken again);
   * false when it was taken before.
   */
  private static Uni<Boolean> firstDelivery(UUID shopId, String webhookId, String orderId) {
    if (webhookId == null || webhookId.isBlank() || webhookId.length() > 200) {
      return Uni.createFrom().item(true);
    }
    return NativeSql.update(
            "insert into shop_delivery (shop_id, webhook_id, order_id, received_at)"
                + " values (:shop, :webhook, :order, :at) on conflict do nothing",
            Map.of(
                "shop",
                shopId,
                "webhook",
                webhookId.strip(),
                "order",
                orderId,
                "at",
                Instant.now()))
        .map(inserted -> inserted == 1);
  }

  /** A buyer profiles resolved before is credited at once; anyone else is theirs to resolve. */
  private Uni<WebhookAnswer> sale(String workspaceId, ShopifyOrder order) {
    Uni<UUID> known =
        order.customerId() == null
            ? Uni.createFrom().nullItem()
            : contacts.ofIdentity(workspaceId, IdentityObserved.CHANNEL_SHOP, order.customerId());
    return known
        .chain(
            contactId ->
                sales.record(
                    workspaceId,
                    order.sale(),
                    order.buyer(contactId == null ? null : contactId.toString()),
                    SOURCE))
        .map(recorded -> WebhookAnswer.of(recorded.sale(), recorded.created()));
  }

  private Uni<WebhookAnswer> recorded(String workspaceId, ShopifyOrder order) {
    return sales
        .recorded(workspaceId, order.orderId())
        .map(sale -> WebhookAnswer.alreadyRecorded(order.orderId(), sale));
  }

  /** Another delivery of the same order recorded its sale first, at the same moment. */
  static boolean isDuplicate(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConstraintViolationException violation
          && violation.getConstraintName() != null
          && violation.getConstraintName().contains("dedupe")) {
        return true;
      }
      if (cause.getMessage() != null
          && cause.getMessage().contains("conversion_workspace_id_dedupe_key_key")) {
        return true;
      }
    }
    return false;
  }

  @Scheduled(
      identity = "attribution-shop-deliveries",
      every = "1h",
      delayed = "5m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> forgetOldDeliveries() {
    Instant cutoff = Instant.now().minus(KEEP_DELIVERIES);
    return Panache.withTransaction(
            () ->
                NativeSql.update(
                    "delete from shop_delivery where received_at < :cutoff",
                    Map.of("cutoff", cutoff)))
        .replaceWithVoid();
  }
}
