package io.tutti.conversations.contact;

import io.smallrye.mutiny.Uni;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.ContactStageChanged;
import io.tutti.events.type.ContactUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;

/**
 * Keeps each contact's stage and attributes as profiles announces them, for routing rules. {@code
 * contact.updated} carries the whole contact and {@code contact.stage-changed} the new stage; each
 * applies only when it is newer than what set the part it changes, so redelivered and reordered
 * events end in the same state.
 */
@ApplicationScoped
public class ContactProfileService {

  private final ContactProfileRepository profiles;

  public ContactProfileService(ContactProfileRepository profiles) {
    this.profiles = profiles;
  }

  public Uni<Void> updated(EventEnvelope event) {
    ContactUpdated updated = (ContactUpdated) event.payload();
    require(updated.contactId(), "contact.updated without contactId");
    Instant at = event.occurredAt().truncatedTo(ChronoUnit.MICROS);
    return profile(event.workspaceId(), updated.contactId())
        .chain(
            profile -> {
              if (profile.detailsAt == null || !at.isBefore(profile.detailsAt)) {
                profile.attributes =
                    updated.attributes() == null
                        ? new LinkedHashMap<>()
                        : new LinkedHashMap<>(updated.attributes());
                profile.detailsAt = at;
              }
              if (updated.stage() != null
                  && (profile.stageAt == null || !at.isBefore(profile.stageAt))) {
                profile.stage = updated.stage();
                profile.stageAt = at;
              }
              return profiles.persist(profile).replaceWithVoid();
            });
  }

  public Uni<Void> stageChanged(EventEnvelope event) {
    ContactStageChanged changed = (ContactStageChanged) event.payload();
    require(changed.contactId(), "contact.stage-changed without contactId");
    require(changed.to(), "contact.stage-changed without to");
    Instant at =
        (changed.at() != null ? changed.at() : event.occurredAt()).truncatedTo(ChronoUnit.MICROS);
    return profile(event.workspaceId(), changed.contactId())
        .chain(
            profile -> {
              if (profile.stageAt == null || !at.isBefore(profile.stageAt)) {
                profile.stage = changed.to();
                profile.stageAt = at;
              }
              return profiles.persist(profile).replaceWithVoid();
            });
  }

  private Uni<ContactProfile> profile(String workspaceId, String contactId) {
    return profiles
        .lock(workspaceId, contactId)
        .map(
            known -> {
              if (known != null) {
                return known;
              }
              ContactProfile profile = new ContactProfile();
              profile.key = new ContactProfile.Key(workspaceId, contactId);
              return profile;
            });
  }

  private static void require(String value, String problem) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(problem);
    }
  }
}
