package io.tutti.conversations.activity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One thing that happened to a conversation, and who or what did it. */
@Entity
@Table(name = "conversation_activity")
public class Activity {

  public static final String OPENED = "opened";
  public static final String REOPENED = "reopened";
  public static final String STATUS_CHANGED = "status_changed";
  public static final String ASSIGNEE_CHANGED = "assignee_changed";
  public static final String TEAM_CHANGED = "team_changed";
  public static final String PRIORITY_CHANGED = "priority_changed";
  public static final String LABELS_CHANGED = "labels_changed";
  public static final String CONTACT_CHANGED = "contact_changed";

  /**
   * A routing rule matched and did its actions: {@code ruleId}, {@code ruleName}, {@code actions}.
   */
  public static final String RULE_APPLIED = "rule_applied";

  /** A routing rule matched but could not act (its team is gone, …): {@code error} says why. */
  public static final String RULE_FAILED = "rule_failed";

  /** A rule's webhook was not accepted after every attempt: {@code url}, {@code error}. */
  public static final String WEBHOOK_FAILED = "webhook_failed";

  /** The customer's own message caused it (a re-open, a snooze or pending ended). */
  public static final String BY_CONTACT = "contact";

  /** Tutti did it by itself (a snooze that ran out, profiles' contact resolution). */
  public static final String BY_SYSTEM = "system";

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "conversation_id", nullable = false)
  public UUID conversationId;

  @Column(nullable = false)
  public String type;

  /** An agent id, {@link #BY_CONTACT}, {@link #BY_SYSTEM} or {@code rule:<id>}. */
  @Column(nullable = false)
  public String actor;

  /** What changed: {@code from} and {@code to}, {@code added} and {@code removed}, … */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, Object> details;

  @Column(nullable = false)
  public Instant at;
}
