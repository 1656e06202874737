package io.tutti.attribution.shop;

import java.time.Instant;

/**
 * A registered shop, without its webhook secret.
 *
 * @param webhookUrl what the admin pastes into Shopify as the webhook URL (format JSON, event Order
 *     creation)
 */
public record ShopView(
    String id, String name, String shopDomain, String webhookUrl, Instant createdAt) {}
