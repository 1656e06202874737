package io.tutti.profiles.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Who a contact is on one channel: the channel and the customer's id there. */
@Entity
@Table(name = "contact_identity")
public class ContactIdentity {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "contact_id", nullable = false)
  public UUID contactId;

  @Column(nullable = false)
  public String channel;

  /** The customer's id on the channel, as connectors names it (wa_id, E.164, address, …). */
  @Column(name = "external_id", nullable = false)
  public String externalId;

  /** See {@link LinkKeys}: what makes identities on different channels the same contact. */
  @Column(name = "link_key")
  public String linkKey;

  /** The inbox the customer wrote to last. */
  @Column(name = "inbox_id")
  public String inboxId;

  /** The name the channel showed last. */
  @Column(name = "display_name")
  public String displayName;

  /** The phone, address or username the channel showed last. */
  public String handle;

  @Column(name = "first_seen_at", nullable = false)
  public Instant firstSeenAt;

  @Column(name = "last_seen_at", nullable = false)
  public Instant lastSeenAt;

  /** {@code channel:externalId}, how events name an identity. */
  public String key() {
    return channel + ":" + externalId;
  }
}
