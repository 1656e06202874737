package io.tutti.conversations.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * profiles' word on which contact a channel identity belongs to, kept so that a conversation the
 * identity opens later starts with its contact.
 */
@Entity
@Table(name = "contact_identity")
public class ContactIdentity {

  @EmbeddedId public Key key;

  @Column(name = "contact_id", nullable = false)
  public String contactId;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Embeddable
  public record Key(
      @Column(name = "workspace_id", nullable = false) String workspaceId,
      @Column(name = "channel", nullable = false) String channel,
      @Column(name = "external_contact_id", nullable = false) String externalContactId)
      implements Serializable {}
}
