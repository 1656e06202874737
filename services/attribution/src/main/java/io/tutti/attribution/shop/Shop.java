package io.tutti.attribution.shop;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A Shopify shop whose order webhooks come to {@code /webhooks/shopify/{id}}. */
@Entity
@Table(name = "shop")
public class Shop extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String name;

  /** The shop's permanent {@code *.myshopify.com} domain, lower case. */
  @Column(name = "shop_domain")
  public String shopDomain;

  /** The key Shopify signs the shop's webhooks with, sealed by {@link ShopSecrets}. */
  @Column(name = "webhook_secret")
  public byte[] webhookSecret;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
