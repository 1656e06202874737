package io.tutti.attribution.shop;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A Shopify shop to take orders from.
 *
 * @param shopDomain the shop's {@code myshopify.com} domain (Shopify sends it with every webhook
 *     and it never changes, unlike a custom domain)
 * @param webhookSecret what Shopify signs the webhooks with: the key shown under Settings →
 *     Notifications → Webhooks, or the app's client secret for webhooks an app subscribed. Write
 *     only: no answer carries it.
 */
public record ShopRequest(
    @NotBlank @Size(max = 200) String name,
    @NotBlank
        @Size(max = 255)
        @Pattern(
            regexp = "(?i)[a-z0-9][a-z0-9-]*\\.myshopify\\.com",
            message = "must be the shop's myshopify.com domain, e.g. acme.myshopify.com")
        String shopDomain,
    @NotBlank @Size(max = 512) String webhookSecret) {

  /** Without the secret, so no log line ever shows it. */
  @Override
  public String toString() {
    return "ShopRequest[name=" + name + ", shopDomain=" + shopDomain + ", webhookSecret=***]";
  }
}
