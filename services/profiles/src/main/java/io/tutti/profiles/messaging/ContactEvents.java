package io.tutti.profiles.messaging;

import io.smallrye.mutiny.Uni;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventPayload;
import io.tutti.events.outbox.Outbox;
import io.tutti.events.type.ContactErased;
import io.tutti.events.type.ContactMerged;
import io.tutti.events.type.ContactResolved;
import io.tutti.events.type.ContactStageChanged;
import io.tutti.events.type.ContactUnmerged;
import io.tutti.events.type.ContactUpdated;
import io.tutti.profiles.contact.AttributeValue;
import io.tutti.profiles.contact.Contact;
import io.tutti.profiles.identity.ContactHandle;
import io.tutti.profiles.identity.ContactIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every event profiles emits, written to the outbox in the caller's transaction (so an event exists
 * exactly when the change it announces was committed).
 */
@ApplicationScoped
public class ContactEvents {

  public static final String SOURCE = "profiles";

  private final Outbox outbox;

  public ContactEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  public Uni<Void> resolved(
      ContactIdentity identity,
      String inboxId,
      boolean created,
      String messageEventId,
      String correlationId) {
    return add(
        identity.workspaceId,
        correlationId,
        new ContactResolved(
            identity.contactId.toString(),
            identity.channel,
            identity.externalId,
            inboxId,
            created,
            messageEventId));
  }

  public Uni<Void> updated(Contact contact, List<ContactHandle> handles, String correlationId) {
    return add(
        contact.workspaceId,
        correlationId,
        new ContactUpdated(
            contact.id.toString(),
            contact.name,
            values(handles, ContactHandle.EMAIL),
            values(handles, ContactHandle.PHONE),
            contact.stage,
            plain(contact.attributes)));
  }

  public Uni<Void> stageChanged(
      Contact contact, String from, String to, String by, String note, Instant at) {
    return add(
        contact.workspaceId,
        null,
        new ContactStageChanged(contact.id.toString(), from, to, by, note, at));
  }

  public Uni<Void> merged(
      String workspaceId, String mergeId, String survivorId, String mergedId, String by) {
    return add(workspaceId, null, new ContactMerged(mergeId, survivorId, mergedId, by));
  }

  public Uni<Void> unmerged(
      String workspaceId,
      String mergeId,
      String survivorId,
      String restoredId,
      List<String> identities,
      String by) {
    return add(
        workspaceId, null, new ContactUnmerged(mergeId, survivorId, restoredId, identities, by));
  }

  public Uni<Void> erased(
      String workspaceId, String contactId, String by, List<String> identities) {
    return add(workspaceId, null, new ContactErased(contactId, by, identities));
  }

  private Uni<Void> add(String workspaceId, String correlationId, EventPayload payload) {
    return outbox
        .add(EventEnvelope.of(SOURCE, workspaceId, correlationId, payload))
        .replaceWithVoid();
  }

  private static List<String> values(List<ContactHandle> handles, String kind) {
    return handles.stream().filter(h -> h.kind.equals(kind)).map(h -> h.value).toList();
  }

  /** The attributes as plain JSON values, the way events carry them. */
  public static Map<String, Object> plain(Map<String, AttributeValue> attributes) {
    Map<String, Object> plain = new LinkedHashMap<>();
    attributes.forEach((key, value) -> plain.put(key, value.value()));
    return plain;
  }
}
