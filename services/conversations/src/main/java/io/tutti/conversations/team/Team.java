package io.tutti.conversations.team;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A group of agents; its members see the conversations given to the team, and its strategy says
 * which of them takes each.
 */
@Entity
@Table(name = "team")
public class Team {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(nullable = false)
  public String name;

  public String description;

  /**
   * manual, round_robin, least_loaded or sticky ({@link
   * io.tutti.conversations.assignment.Strategy}).
   */
  @Column(nullable = false)
  public String strategy;

  /** Who takes a sticky conversation whose agent cannot: round_robin or least_loaded. */
  @Column(name = "fallback_strategy", nullable = false)
  public String fallbackStrategy;

  /** Skills every agent who takes one of the team's conversations has. */
  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "required_skills", nullable = false, columnDefinition = "text[]")
  public List<String> requiredSkills = new ArrayList<>();

  /** IANA time zone of the business hours, e.g. {@code Europe/Berlin}. */
  @Column(name = "time_zone")
  public String timeZone;

  /** When the team works; null: around the clock. */
  @Convert(converter = BusinessHours.Converter.class)
  @Column(name = "business_hours")
  public List<BusinessHours.Window> businessHours;

  /** Minutes a waiting customer's agent has to answer before someone else gets it; null: ever. */
  @Column(name = "no_reply_minutes")
  public Integer noReplyMinutes;

  /** The agent told when a conversation of the team is taken from an agent who did not answer. */
  @Column(name = "lead_id")
  public String leadId;

  /** Round robin's place: the member who got the last conversation by it. */
  @Column(name = "last_assigned_agent_id")
  public String lastAssignedAgentId;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
