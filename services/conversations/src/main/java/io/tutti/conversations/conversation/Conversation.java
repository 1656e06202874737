package io.tutti.conversations.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One customer identity's conversation on one inbox. The queue's sort keys ({@link #lastMessageAt},
 * {@link #waitingSince}) follow from its messages; see the migration for how.
 */
@Entity
@Table(name = "conversation")
public class Conversation {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "inbox_id", nullable = false)
  public String inboxId;

  @Column(nullable = false)
  public String channel;

  /** The customer on the channel (PSID, wa_id, phone, chat id, email address, visitor id). */
  @Column(name = "external_contact_id", nullable = false)
  public String externalContactId;

  /** profiles' contact, once it has resolved the identity. */
  @Column(name = "contact_id")
  public String contactId;

  @Column(name = "contact_name")
  public String contactName;

  @Column(name = "contact_handle")
  public String contactHandle;

  /** The subject of the email that opened it; null on other channels. */
  public String subject;

  @Column(nullable = false)
  public String status;

  @Column(name = "snooze_until")
  public Instant snoozeUntil;

  @Column(nullable = false)
  public String priority;

  @Column(name = "assignee_id")
  public String assigneeId;

  @Column(name = "team_id")
  public UUID teamId;

  /** When the assignee got it: an agent who has not answered since is re-assigned in time. */
  @Column(name = "assigned_at")
  public Instant assignedAt;

  /** When it started waiting in its team's queue for an agent; null while it does not wait. */
  @Column(name = "queued_at")
  public Instant queuedAt;

  /**
   * When it started waiting for an agent (open, nobody assigned); null while it does not wait. Kept
   * by {@link #trackAgentWait()}, never set by hand.
   */
  @Column(name = "awaiting_agent_since")
  public Instant awaitingAgentSince;

  /** The agent it was taken from for not answering: it is not given back to them automatically. */
  @Column(name = "no_reply_agent_id")
  public String noReplyAgentId;

  /** Skills the routing asked of its agent, besides the team's. */
  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "required_skills", nullable = false, columnDefinition = "text[]")
  public List<String> requiredSkills = new ArrayList<>();

  /** The strategy the routing chose for it instead of the team's own; null: the team's. */
  @Column(name = "assignment_strategy")
  public String assignmentStrategy;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(nullable = false, columnDefinition = "text[]")
  public List<String> labels = new ArrayList<>();

  @Column(name = "last_message_at", nullable = false)
  public Instant lastMessageAt;

  @Column(name = "last_message_preview")
  public String lastMessagePreview;

  @Column(name = "last_reply_at")
  public Instant lastReplyAt;

  @Column(name = "waiting_since")
  public Instant waitingSince;

  @Column(name = "activity_changed_at", nullable = false)
  public Instant activityChangedAt;

  @Column(name = "inbound_count", nullable = false)
  public int inboundCount;

  @Column(name = "opened_at", nullable = false)
  public Instant openedAt;

  @Column(name = "first_reply_at")
  public Instant firstReplyAt;

  @Column(name = "resolved_at")
  public Instant resolvedAt;

  @Column(name = "resolved_by")
  public String resolvedBy;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public Status status() {
    return Status.of(status).orElseThrow();
  }

  /** Open or pending: what an agent's load counts, and what automatic assignment gives out. */
  public boolean active() {
    return is(Status.OPEN) || is(Status.PENDING);
  }

  public boolean is(Status candidate) {
    return candidate.id().equals(status);
  }

  /**
   * Starts the wait for an agent when the row is written open with nobody assigned, and ends it
   * otherwise. On every write of the row, because a conversation comes to wait by many roads (it
   * opens, re-opens, wakes from a snooze, loses its agent to an agent, a rule or the no-reply
   * watch) and stops by as many: none of them has to know. An assignment reads the value before the
   * row is written again, for the wait it ends ({@code tutti.assignment.wait}).
   */
  @PrePersist
  @PreUpdate
  void trackAgentWait() {
    if (!is(Status.OPEN) || assigneeId != null) {
      awaitingAgentSince = null;
    } else if (awaitingAgentSince == null) {
      awaitingAgentSince = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
  }
}
