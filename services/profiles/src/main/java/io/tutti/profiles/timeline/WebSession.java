package io.tutti.profiles.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A website visit of the contact, as attribution recorded it ({@code session.recorded}). */
@Entity
@Table(name = "web_session")
public class WebSession {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  /** The contact attribution named, or the contact of the chat visitor with the same visitor id. */
  @Column(name = "contact_id", nullable = false)
  public UUID contactId;

  /** Attribution's id of the session. */
  @Column(name = "session_id", nullable = false)
  public String sessionId;

  @Column(name = "anonymous_id")
  public String anonymousId;

  public String channel;

  public String campaign;

  @Column(name = "landing_url")
  public String landingUrl;

  public String referrer;

  @Column(name = "started_at", nullable = false)
  public Instant startedAt;
}
