package io.tutti.attribution.shop;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.attribution.config.AttributionConfig;
import io.tutti.events.UuidV7;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Registers a workspace's Shopify shops, sealing their webhook secrets. */
@ApplicationScoped
public class ShopService {

  /** A shop, and whether this call registered it (false: its domain was registered before). */
  public record Registered(ShopView shop, boolean created) {}

  private final ShopSecrets secrets;
  private final String publicUrl;

  public ShopService(ShopSecrets secrets, AttributionConfig config) {
    String url = config.publicUrl();
    this.secrets = secrets;
    this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @WithSession
  public Uni<List<ShopView>> list(String workspaceId) {
    return Shop.<Shop>list("workspaceId = ?1 order by createdAt, id", workspaceId)
        .map(shops -> shops.stream().map(this::view).toList());
  }

  /**
   * Registers the shop; a domain the workspace registered before keeps its id (and so its webhook
   * URL) and takes the new name and secret, which is how a rotated secret is entered.
   */
  @WithTransaction
  public Uni<Registered> register(String workspaceId, ShopRequest request) {
    String domain = request.shopDomain().strip().toLowerCase(Locale.ROOT);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return Shop.<Shop>find("workspaceId = ?1 and shopDomain = ?2", workspaceId, domain)
        .firstResult()
        .chain(
            held -> {
              Shop shop = held != null ? held : new Shop();
              if (held == null) {
                shop.id = UuidV7.next();
                shop.workspaceId = workspaceId;
                shop.shopDomain = domain;
                shop.createdAt = now;
              }
              shop.name = request.name().strip();
              shop.webhookSecret = secrets.seal(shop.id, request.webhookSecret().strip());
              shop.updatedAt = now;
              return shop.<Shop>persist().map(saved -> new Registered(view(saved), held == null));
            });
  }

  @WithTransaction
  public Uni<Void> delete(String workspaceId, String shopId) {
    UUID id = idOf(shopId);
    return Shop.delete("id = ?1 and workspaceId = ?2", id, workspaceId)
        .invoke(
            deleted -> {
              if (deleted == 0) {
                throw Problem.notFound("No shop " + shopId + " in this workspace.").exception();
              }
            })
        .replaceWithVoid();
  }

  private ShopView view(Shop shop) {
    return new ShopView(
        shop.id.toString(),
        shop.name,
        shop.shopDomain,
        publicUrl + "/webhooks/shopify/" + shop.id,
        shop.createdAt);
  }

  /** The shop id in a URL; anything but a UUID names no shop (404). */
  static UUID idOf(String shopId) {
    try {
      return UUID.fromString(shopId);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("No shop " + shopId + ".").exception();
    }
  }
}
