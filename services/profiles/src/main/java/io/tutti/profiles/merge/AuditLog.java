package io.tutti.profiles.merge;

import io.smallrye.mutiny.Uni;
import io.tutti.events.UuidV7;
import io.tutti.profiles.contact.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Writes the audit log, in the caller's transaction. */
@ApplicationScoped
public class AuditLog {

  private final AuditRepository entries;

  public AuditLog(AuditRepository entries) {
    this.entries = entries;
  }

  public Uni<Void> record(
      String workspaceId,
      String action,
      UUID contactId,
      UUID otherContactId,
      UUID mergeId,
      Actor actor,
      Instant at,
      Map<String, Object> details) {
    AuditEntry entry = new AuditEntry();
    entry.id = UuidV7.next();
    entry.workspaceId = workspaceId;
    entry.action = action;
    entry.contactId = contactId;
    entry.otherContactId = otherContactId;
    entry.mergeId = mergeId;
    entry.actorId = actor.id();
    entry.actorName = actor.name();
    entry.at = at;
    entry.details = new LinkedHashMap<>(details);
    return entries.persist(entry).replaceWithVoid();
  }
}
