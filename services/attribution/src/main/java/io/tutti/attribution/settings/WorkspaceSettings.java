package io.tutti.attribution.settings;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A workspace's choices for attribution; a workspace without a row has the defaults. */
@Entity
@Table(name = "workspace_settings")
public class WorkspaceSettings extends PanacheEntityBase {

  @Id
  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "time_zone")
  public String timeZone;

  public String currency;

  @Column(name = "half_life_days")
  public BigDecimal halfLifeDays;

  /** 1 unit of the key currency is worth this much of the workspace's currency. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "exchange_rates")
  public Map<String, BigDecimal> exchangeRates;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "source_channels")
  public Map<String, String> sourceChannels;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "referrer_channels")
  public Map<String, String> referrerChannels;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
