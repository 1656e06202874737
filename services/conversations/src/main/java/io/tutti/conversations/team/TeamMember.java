package io.tutti.conversations.team;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** An agent (the token subject) in a team. */
@Entity
@Table(name = "team_member")
public class TeamMember {

  @EmbeddedId public Key key;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Embeddable
  public record Key(
      @Column(name = "team_id", nullable = false) UUID teamId,
      @Column(name = "agent_id", nullable = false) String agentId)
      implements Serializable {}
}
