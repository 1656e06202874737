package io.tutti.profiles.stage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One step of a contact along the lead lifecycle; every change is kept. */
@Entity
@Table(name = "stage_change")
public class StageChange {

  public static final String MANUAL = "manual";
  public static final String SALE = "sale";
  public static final String MERGE = "merge";
  public static final String UNMERGE = "unmerge";

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "contact_id", nullable = false)
  public UUID contactId;

  @Column(name = "from_stage", nullable = false)
  public String fromStage;

  @Column(name = "to_stage", nullable = false)
  public String toStage;

  public String note;

  /** Why, e.g. the reason a lead was disqualified. */
  public String reason;

  /** {@link #MANUAL}, {@link #SALE}, {@link #MERGE} or {@link #UNMERGE}. */
  @Column(nullable = false)
  public String source;

  @Column(name = "by_id", nullable = false)
  public String byId;

  @Column(name = "by_name")
  public String byName;

  @Column(nullable = false)
  public Instant at;
}
