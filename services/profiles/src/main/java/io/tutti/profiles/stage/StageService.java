package io.tutti.profiles.stage;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.events.UuidV7;
import io.tutti.profiles.config.ProfilesConfig;
import io.tutti.profiles.contact.Actor;
import io.tutti.profiles.contact.ChecklistMark;
import io.tutti.profiles.contact.Contact;
import io.tutti.profiles.contact.ContactService;
import io.tutti.profiles.contact.ContactView;
import io.tutti.profiles.contact.Ids;
import io.tutti.profiles.identity.HandleRepository;
import io.tutti.profiles.messaging.ContactEvents;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The lead lifecycle: stage changes (each kept, each announced with {@code contact.stage-changed}),
 * the qualification checklist and the lead owner.
 */
@ApplicationScoped
public class StageService {

  private final ContactService contacts;
  private final StageChangeRepository changes;
  private final HandleRepository handles;
  private final ContactEvents events;
  private final ProfilesConfig config;

  public StageService(
      ContactService contacts,
      StageChangeRepository changes,
      HandleRepository handles,
      ContactEvents events,
      ProfilesConfig config) {
    this.contacts = contacts;
    this.changes = changes;
    this.handles = handles;
    this.events = events;
    this.config = config;
  }

  /** A sales rep's change; moving to the stage the contact is in already changes nothing. */
  @WithTransaction
  public Uni<ContactView> change(String workspaceId, UUID id, StageRequest request, Actor actor) {
    Stage to =
        Stage.of(request.stage().strip())
            .orElseThrow(
                () ->
                    Problem.validation(
                            List.of(
                                new Problem.FieldError(
                                    "stage", "must be one of " + String.join(", ", Stage.ids()))))
                        .exception());
    String reason = blankToNull(request.reason());
    if (to == Stage.DISQUALIFIED && reason == null) {
      throw Problem.validation(
              List.of(new Problem.FieldError("reason", "is required to disqualify a lead")))
          .exception();
    }
    return contacts
        .editable(workspaceId, id)
        .chain(
            contact ->
                to.id().equals(contact.stage)
                    ? contacts.view(contact)
                    : record(
                            contact,
                            to,
                            blankToNull(request.note()),
                            reason,
                            StageChange.MANUAL,
                            actor,
                            Ids.now())
                        .chain(() -> announce(contact))
                        .chain(() -> contacts.view(contact)));
  }

  /**
   * Moves the contact and keeps the change, in the caller's transaction: the row and {@code
   * contact.stage-changed}. The caller announces the contact's new state ({@link #announce}) once
   * it has made all its changes.
   */
  public Uni<Void> record(
      Contact contact,
      Stage to,
      String note,
      String reason,
      String source,
      Actor actor,
      Instant at) {
    StageChange change = new StageChange();
    change.id = UuidV7.next();
    change.workspaceId = contact.workspaceId;
    change.contactId = contact.id;
    change.fromStage = contact.stage;
    change.toStage = to.id();
    change.note = note;
    change.reason = reason;
    change.source = source;
    change.byId = actor.id();
    change.byName = actor.name();
    change.at = at;
    contact.stage = to.id();
    contact.disqualifiedReason = to == Stage.DISQUALIFIED ? reason : null;
    contact.updatedAt = at;
    return changes
        .persist(change)
        .chain(
            () ->
                events.stageChanged(
                    contact, change.fromStage, change.toStage, actor.id(), note, at));
  }

  /** {@code contact.updated} with the contact as it is now. */
  public Uni<Void> announce(Contact contact) {
    return handles.ofContact(contact.id).chain(held -> events.updated(contact, held, null));
  }

  @WithTransaction
  public Uni<ContactView> checklist(
      String workspaceId, UUID id, String item, ChecklistRequest request, Actor actor) {
    if (!config.checklist().contains(item)) {
      throw Problem.notFound(
              "No checklist item "
                  + item
                  + "; the items are "
                  + String.join(", ", config.checklist())
                  + ".")
          .exception();
    }
    return contacts
        .editable(workspaceId, id)
        .chain(
            contact -> {
              Instant now = Ids.now();
              Map<String, ChecklistMark> marks = new LinkedHashMap<>(contact.checklist);
              marks.put(
                  item,
                  new ChecklistMark(
                      request.checked(),
                      blankToNull(request.note()),
                      actor.id(),
                      actor.name(),
                      now));
              contact.checklist = marks;
              contact.updatedAt = now;
              return contacts.view(contact);
            });
  }

  @WithTransaction
  public Uni<ContactView> owner(String workspaceId, UUID id, OwnerRequest request, Actor actor) {
    String ownerId = blankToNull(request.ownerId());
    String ownerName = blankToNull(request.ownerName());
    if (ownerId != null && ownerName == null && ownerId.equals(actor.id())) {
      ownerName = actor.name();
    }
    String name = ownerId == null ? null : ownerName;
    return contacts
        .editable(workspaceId, id)
        .chain(
            contact -> {
              contact.ownerId = ownerId;
              contact.ownerName = name;
              contact.updatedAt = Ids.now();
              return contacts.view(contact);
            });
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
