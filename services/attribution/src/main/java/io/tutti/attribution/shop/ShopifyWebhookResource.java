package io.tutti.attribution.shop;

import io.smallrye.mutiny.Uni;
import io.tutti.web.http.RunsToCompletion;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /webhooks/shopify/{shopId}}: a shop's order webhooks. Public; each delivery is
 * authenticated by its signature over the raw body, so the body is read as bytes, untouched.
 * Answers 200 for every delivery taken, a sale or not; anything else makes Shopify retry.
 */
@Path("/webhooks/shopify")
@PermitAll
@RunsToCompletion
public class ShopifyWebhookResource {

  private final ShopifyOrders orders;

  public ShopifyWebhookResource(ShopifyOrders orders) {
    this.orders = orders;
  }

  @POST
  @Path("/{shopId}")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<WebhookAnswer> receive(
      @PathParam("shopId") String shopId,
      @HeaderParam("X-Shopify-Topic") String topic,
      @HeaderParam("X-Shopify-Webhook-Id") String webhookId,
      @HeaderParam(ShopifySignature.HEADER) String signature,
      byte[] body) {
    return orders.receive(
        shopId,
        new ShopifyOrders.Delivery(topic, webhookId, signature, body == null ? new byte[0] : body));
  }
}
