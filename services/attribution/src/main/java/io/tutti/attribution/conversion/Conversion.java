package io.tutti.attribution.conversion;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Something a contact did that counts: became a contact, was qualified, bought. A person counts
 * once as a contact and once as qualified: when contacts are merged, only the earliest of each
 * stays {@code counted}.
 */
@Entity
@Table(name = "conversion")
public class Conversion extends PanacheEntityBase {

  public static final String CONTACT = "contact";
  public static final String QUALIFIED = "qualified";
  public static final String SALE = "sale";

  @Id public UUID id;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String kind;

  /** Null while a sale waits for profiles to resolve its buyer, and after an erasure. */
  @Column(name = "contact_id")
  public UUID contactId;

  @Column(name = "occurred_at")
  public Instant occurredAt;

  public boolean counted;

  @Column(name = "order_id")
  public String orderId;

  /** In the workspace's currency. */
  public BigDecimal amount;

  @Column(name = "original_amount")
  public BigDecimal originalAmount;

  @Column(name = "original_currency")
  public String originalCurrency;

  /** What one unit of the original currency was worth in the workspace's when it was recorded. */
  public BigDecimal rate;

  /** {@code channel:externalId} of the buyer profiles was asked to resolve. */
  @Column(name = "pending_identity")
  public String pendingIdentity;

  /** Whether {@code sale.recorded} went out (it waits for the buyer's contact). */
  @Column(name = "sale_announced")
  public boolean saleAnnounced;

  @Column(name = "recorded_at")
  public Instant recordedAt;

  @Column(name = "dedupe_key")
  public String dedupeKey;
}
