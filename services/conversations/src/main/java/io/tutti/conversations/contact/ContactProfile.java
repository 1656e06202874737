package io.tutti.conversations.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * What profiles told of a contact that routing rules ask about: the lead stage and the attributes.
 * Each part keeps the time of the event that set it, so an older event arriving late changes
 * nothing.
 */
@Entity
@Table(name = "contact_profile")
public class ContactProfile {

  @EmbeddedId public Key key;

  /** new, lead, qualified, customer, disqualified, as profiles names them. */
  public String stage;

  @Column(name = "stage_at")
  public Instant stageAt;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, Object> attributes = new LinkedHashMap<>();

  @Column(name = "details_at")
  public Instant detailsAt;

  @Embeddable
  public record Key(
      @Column(name = "workspace_id", nullable = false) String workspaceId,
      @Column(name = "contact_id", nullable = false) String contactId)
      implements Serializable {}
}
