package io.tutti.profiles.merge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Who merged, unmerged or erased contacts, and when. Entries are never changed. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

  public static final String MERGE = "merge";
  public static final String UNMERGE = "unmerge";
  public static final String ERASE = "erase";

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  /** {@link #MERGE}, {@link #UNMERGE} or {@link #ERASE}. */
  @Column(nullable = false)
  public String action;

  /** The survivor of a merge; none for an erasure, which keeps nothing of the person. */
  @Column(name = "contact_id")
  public UUID contactId;

  /** The merged or restored contact. */
  @Column(name = "other_contact_id")
  public UUID otherContactId;

  @Column(name = "merge_id")
  public UUID mergeId;

  @Column(name = "actor_id", nullable = false)
  public String actorId;

  @Column(name = "actor_name")
  public String actorName;

  @Column(nullable = false)
  public Instant at;

  /** What the action did: the conflicts of a merge, the identities an unmerge moved back, … */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, Object> details = new LinkedHashMap<>();
}
