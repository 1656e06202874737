package io.tutti.profiles.merge;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One audit log entry.
 *
 * @param action merge, unmerge or erase
 * @param contactId the survivor of a merge or unmerge; null for an erasure
 * @param otherContactId the merged, or restored, contact
 */
public record AuditView(
    UUID id,
    String action,
    UUID contactId,
    UUID otherContactId,
    UUID mergeId,
    String actorId,
    String actorName,
    Instant at,
    Map<String, Object> details) {

  public static AuditView of(AuditEntry e) {
    return new AuditView(
        e.id,
        e.action,
        e.contactId,
        e.otherContactId,
        e.mergeId,
        e.actorId,
        e.actorName,
        e.at,
        e.details);
  }
}
