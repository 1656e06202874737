package io.tutti.attribution.touch;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A moment someone came to the workspace: a web session, or a message (a contact's first on a
 * channel, or one an ad brought). It belongs to a contact once profiles says whose identity it is.
 */
@Entity
@Table(name = "touch")
public class Touch extends PanacheEntityBase {

  public static final String SESSION = "session";
  public static final String MESSAGE = "message";

  @Id public UUID id;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String kind;

  @Column(name = "contact_id")
  public UUID contactId;

  /** The identity it came from: the messaging channel and sender id, or web and the visitor id. */
  @Column(name = "identity_channel")
  public String identityChannel;

  @Column(name = "identity_id")
  public String identityId;

  public String channel;

  public String campaign;

  @Column(name = "ad_id")
  public String adId;

  @Column(name = "occurred_at")
  public Instant occurredAt;

  @Column(name = "last_seen_at")
  public Instant lastSeenAt;

  @Column(name = "page_views")
  public Integer pageViews;

  @Column(name = "landing_url")
  public String landingUrl;

  public String referrer;

  @JdbcTypeCode(SqlTypes.JSON)
  public Map<String, String> utm;

  @Column(name = "click_id")
  public String clickId;

  @Column(name = "dedupe_key")
  public String dedupeKey;
}
