package io.tutti.conversations.agent;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Someone who answers conversations: how present they are, how much they take, what they know. */
@Entity
@Table(name = "agent")
public class Agent {

  @EmbeddedId public Key key;

  public String username;

  public String name;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(nullable = false, columnDefinition = "text[]")
  public List<String> roles = new ArrayList<>();

  @Column(nullable = false)
  public String availability;

  /** Offline because Tutti did not see them, not by their choice: seeing them brings them back. */
  @Column(name = "auto_offline", nullable = false)
  public boolean autoOffline;

  @Column(nullable = false)
  public int capacity;

  /** Caps per channel, e.g. {@code {"whatsapp": 3}}, within {@link #capacity}. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "channel_capacity", nullable = false)
  public Map<String, Integer> channelCapacity = new LinkedHashMap<>();

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(nullable = false, columnDefinition = "text[]")
  public List<String> skills = new ArrayList<>();

  @Column(name = "last_seen_at")
  public Instant lastSeenAt;

  @Column(name = "last_assigned_at")
  public Instant lastAssignedAt;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public String id() {
    return key.id();
  }

  public String workspaceId() {
    return key.workspaceId();
  }

  /** The name to show: the token's name, else the username, else the id. */
  public String displayName() {
    if (name != null && !name.isBlank()) {
      return name;
    }
    return username != null && !username.isBlank() ? username : key.id();
  }

  /** The channel's cap, or null when only the overall capacity applies. */
  public Integer capacityOn(String channel) {
    return channelCapacity == null ? null : channelCapacity.get(channel);
  }

  /** Agents are the workspace's: the same user id in two workspaces is two agents. */
  @Embeddable
  public record Key(
      @Column(name = "workspace_id", nullable = false) String workspaceId,
      @Column(name = "id", nullable = false) String id)
      implements Serializable {}
}
