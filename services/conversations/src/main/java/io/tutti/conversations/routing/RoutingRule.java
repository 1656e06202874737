package io.tutti.conversations.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A routing rule of a workspace: on a trigger, when its conditions hold, its actions run. */
@Entity
@Table(name = "routing_rule")
public class RoutingRule {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public boolean enabled;

  /** 1..n across the workspace's rules: the order they run in. */
  @Column(nullable = false)
  public int position;

  @Column(nullable = false)
  public String trigger;

  /** {@code all} or {@code any} of the conditions. */
  @Column(nullable = false)
  public String match;

  @Convert(converter = RuleJson.Conditions.class)
  @Column(nullable = false)
  public List<RuleCondition> conditions = new ArrayList<>();

  @Convert(converter = RuleJson.Actions.class)
  @Column(nullable = false)
  public List<RuleAction> actions = new ArrayList<>();

  /** No later rule of the same run applies once this one did. */
  @Column(name = "stop_after", nullable = false)
  public boolean stopAfter;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** How the rule appears in activity and as the author of its replies and notes. */
  public String actor() {
    return "rule:" + id;
  }

  /** Why a change happened, as the activity shows it: {@code rule 'Ad leads'}. */
  public String reason() {
    return "rule '" + name + "'";
  }
}
