package io.tutti.profiles.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A sale of the contact, as attribution recorded it ({@code sale.recorded}). */
@Entity
@Table(name = "conversion")
public class Conversion {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "contact_id", nullable = false)
  public UUID contactId;

  /** Attribution's id of the sale. */
  @Column(name = "sale_id", nullable = false)
  public String saleId;

  @Column(name = "order_id")
  public String orderId;

  public BigDecimal amount;

  public String currency;

  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;
}
