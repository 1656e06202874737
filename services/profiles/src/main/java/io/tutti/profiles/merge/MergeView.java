package io.tutti.profiles.merge;

import io.tutti.profiles.contact.ContactView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A merge as the audit log and the API show it.
 *
 * @param conflicts the fields both contacts had different values for: the one kept, the one
 *     discarded (and restored by an unmerge)
 * @param identities {@code channel:externalId} of the identities that moved to the survivor
 */
public record MergeView(
    UUID mergeId,
    UUID survivorId,
    UUID mergedId,
    List<Conflict> conflicts,
    List<String> identities,
    String byId,
    String byName,
    Instant mergedAt,
    String unmergedById,
    String unmergedByName,
    Instant unmergedAt) {

  /**
   * The answer to a merge or unmerge.
   *
   * @param restored after an unmerge, the contact that stands on its own again; null after a merge
   */
  public record Result(MergeView merge, ContactView survivor, ContactView restored) {}

  public static MergeView of(ContactMerge merge, List<String> identities) {
    return new MergeView(
        merge.id,
        merge.survivorId,
        merge.mergedId,
        merge.conflicts,
        identities,
        merge.byId,
        merge.byName,
        merge.mergedAt,
        merge.unmergedById,
        merge.unmergedByName,
        merge.unmergedAt);
  }
}
