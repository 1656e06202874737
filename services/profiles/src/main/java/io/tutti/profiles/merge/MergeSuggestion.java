package io.tutti.profiles.merge;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Two contacts that may be one person, and why; a person decides whether to merge them. */
@Entity
@Table(name = "merge_suggestion")
public class MergeSuggestion {

  public static final String OPEN = "open";
  public static final String DISMISSED = "dismissed";
  public static final String MERGED = "merged";

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  /** The lower of the two ids, so that a pair has one row whichever side it was found from. */
  @Column(name = "contact_a", nullable = false)
  public UUID contactA;

  @Column(name = "contact_b", nullable = false)
  public UUID contactB;

  @Column(nullable = false)
  public String status;

  /** The highest confidence of its reasons. */
  @Column(nullable = false)
  public BigDecimal confidence;

  @Convert(converter = SuggestionReason.ListConverter.class)
  @Column(nullable = false)
  public List<SuggestionReason> reasons = new ArrayList<>();

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "decided_by_id")
  public String decidedById;

  @Column(name = "decided_by_name")
  public String decidedByName;

  @Column(name = "decided_at")
  public Instant decidedAt;
}
