package io.tutti.profiles.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A phone number, email address or username of a contact, normalised. */
@Entity
@Table(name = "contact_handle")
public class ContactHandle {

  public static final String PHONE = "phone";
  public static final String EMAIL = "email";
  public static final String USERNAME = "username";

  /** Where a handle typed in by someone came from. */
  public static final String SOURCE_AGENT = "agent";

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "contact_id", nullable = false)
  public UUID contactId;

  /** {@link #PHONE}, {@link #EMAIL} or {@link #USERNAME}. */
  @Column(nullable = false)
  public String kind;

  /** E.164 for phones, lower case for addresses, lower case without {@code @} for usernames. */
  @Column(nullable = false)
  public String value;

  /** The platform of a username; empty for phones and emails. */
  @Column(nullable = false)
  public String channel = "";

  /** The channel it came from, or {@link #SOURCE_AGENT}. */
  @Column(nullable = false)
  public String source;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** Whether this is the same handle as {@code other}, whoever holds it. */
  public boolean sameAs(Handle other) {
    return kind.equals(other.kind())
        && channel.equals(other.channel())
        && value.equals(other.value());
  }

  public Handle handle() {
    return new Handle(kind, value, channel);
  }
}
