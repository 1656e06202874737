package io.tutti.attribution.site;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A website whose page views come to {@code /track?key=}. */
@Entity
@Table(name = "site")
public class Site extends PanacheEntityBase {

  @Id
  @Column(name = "site_key")
  public String siteKey;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String name;

  @Column(name = "created_at")
  public Instant createdAt;
}
