package io.tutti.profiles.merge;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.events.UuidV7;
import io.tutti.events.storage.DatabaseJsonFormat;
import io.tutti.profiles.contact.Actor;
import io.tutti.profiles.contact.Contact;
import io.tutti.profiles.contact.ContactRepository;
import io.tutti.profiles.contact.ContactService;
import io.tutti.profiles.contact.Ids;
import io.tutti.profiles.identity.ContactHandle;
import io.tutti.profiles.identity.ContactIdentity;
import io.tutti.profiles.identity.HandleRepository;
import io.tutti.profiles.identity.IdentityRepository;
import io.tutti.profiles.messaging.ContactEvents;
import io.tutti.profiles.search.SearchText;
import io.tutti.profiles.stage.Stage;
import io.tutti.profiles.stage.StageChange;
import io.tutti.profiles.stage.StageService;
import io.tutti.web.problem.Problem;
import io.tutti.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Merges two contacts into one a person chose to keep, and undoes merges exactly ({@link
 * MergeRule}). Every merge and unmerge is in the audit log and announced: {@code contact.merged},
 * {@code contact.unmerged} and {@code contact.updated}, so the other services follow.
 */
@ApplicationScoped
public class MergeService {

  private final ContactRepository contacts;
  private final ContactService contactService;
  private final IdentityRepository identities;
  private final HandleRepository handles;
  private final ContactMergeRepository merges;
  private final MergeSuggestionRepository suggestions;
  private final AuditLog audit;
  private final StageService stages;
  private final SearchText searchText;
  private final ContactEvents events;

  public MergeService(
      ContactRepository contacts,
      ContactService contactService,
      IdentityRepository identities,
      HandleRepository handles,
      ContactMergeRepository merges,
      MergeSuggestionRepository suggestions,
      AuditLog audit,
      StageService stages,
      SearchText searchText,
      ContactEvents events) {
    this.contacts = contacts;
    this.contactService = contactService;
    this.identities = identities;
    this.handles = handles;
    this.merges = merges;
    this.suggestions = suggestions;
    this.audit = audit;
    this.stages = stages;
    this.searchText = searchText;
    this.events = events;
  }

  @WithTransaction
  public Uni<MergeView.Result> merge(
      String workspaceId, UUID survivorId, MergeRequest request, Actor actor) {
    UUID mergedId = Ids.parse(request.otherContactId().strip());
    if (mergedId == null) {
      throw invalid("otherContactId", "must be a contact id");
    }
    if (mergedId.equals(survivorId)) {
      throw invalid("otherContactId", "must be another contact than the one it is merged into");
    }
    return lockBoth(workspaceId, survivorId, mergedId)
        .chain(pair -> merge(pair.first(), pair.second(), actor));
  }

  private Uni<MergeView.Result> merge(Contact survivor, Contact merged, Actor actor) {
    Instant now = Ids.now();
    ContactState before = ContactState.of(survivor);
    ContactState mergedState = ContactState.of(merged);
    MergeRule.Outcome outcome = MergeRule.merge(before, mergedState);
    outcome.result().applyTo(survivor);
    // The stage goes through the lifecycle's own record, so the change is kept and announced.
    survivor.stage = before.stage();
    survivor.disqualifiedReason = before.disqualifiedReason();
    Stage stage = Stage.of(outcome.result().stage()).orElseThrow();
    Uni<Void> staged =
        stage.id().equals(before.stage())
            ? Uni.createFrom().voidItem()
            : stages.record(
                survivor,
                stage,
                "Merged with " + label(merged),
                outcome.result().disqualifiedReason(),
                StageChange.MERGE,
                actor,
                now);

    ContactMerge merge = new ContactMerge();
    merge.id = UuidV7.next();
    merge.workspaceId = survivor.workspaceId;
    merge.survivorId = survivor.id;
    merge.mergedId = merged.id;
    merge.survivorBefore = before;
    merge.mergedState = mergedState;
    merge.conflicts = new ArrayList<>(outcome.conflicts());
    merge.byId = actor.id();
    merge.byName = actor.name();
    merge.mergedAt = now;

    merged.mergedInto = survivor.id;
    merged.mergedAt = now;
    merged.updatedAt = now;
    survivor.updatedAt = now;

    return staged
        .chain(() -> holdings(survivor.id))
        .chain(kept -> holdings(merged.id).map(moving -> move(merge, survivor, kept, moving)))
        .chain(
            moved ->
                merges
                    .persist(merge)
                    .chain(
                        () ->
                            audit.record(
                                survivor.workspaceId,
                                AuditEntry.MERGE,
                                survivor.id,
                                merged.id,
                                merge.id,
                                actor,
                                now,
                                Map.of(
                                    "conflicts",
                                    DatabaseJsonFormat.MAPPER.convertValue(
                                        merge.conflicts, List.class),
                                    "identities",
                                    moved.keys())))
                    .chain(() -> decide(survivor, merged.id, MergeSuggestion.MERGED, actor, now))
                    .chain(
                        () ->
                            events.merged(
                                survivor.workspaceId,
                                merge.id.toString(),
                                survivor.id.toString(),
                                merged.id.toString(),
                                actor.id()))
                    .chain(() -> events.updated(survivor, moved.handles(), null))
                    .chain(() -> contactService.view(survivor))
                    .map(
                        view ->
                            new MergeView.Result(MergeView.of(merge, moved.keys()), view, null)));
  }

  /**
   * Moves the merged contact's identities, and the handles the survivor does not hold already, to
   * the survivor, noting each in the merge; answers all the survivor holds after.
   */
  private Moved move(ContactMerge merge, Contact survivor, Holdings kept, Holdings moving) {
    List<ContactIdentity> allIdentities = new ArrayList<>(kept.identities());
    for (ContactIdentity identity : moving.identities()) {
      identity.contactId = survivor.id;
      merge.movedIdentities.add(identity.id);
      allIdentities.add(identity);
    }
    List<ContactHandle> allHandles = new ArrayList<>(kept.handles());
    for (ContactHandle handle : moving.handles()) {
      if (kept.handles().stream().noneMatch(h -> h.sameAs(handle.handle()))) {
        handle.contactId = survivor.id;
        merge.movedHandles.add(handle.id);
        allHandles.add(handle);
      }
    }
    survivor.searchText = searchText.of(survivor, allHandles, allIdentities);
    merge.survivorAfter = ContactState.of(survivor);
    return new Moved(allHandles, moving.identities().stream().map(ContactIdentity::key).toList());
  }

  @WithTransaction
  public Uni<MergeView.Result> unmerge(
      String workspaceId, UUID survivorId, UnmergeRequest request, Actor actor) {
    UUID mergeId = Ids.parse(request.mergeId().strip());
    if (mergeId == null) {
      throw invalid("mergeId", "must be a merge id");
    }
    return merges
        .lockInWorkspace(workspaceId, mergeId)
        .chain(
            merge -> {
              if (merge == null || !merge.survivorId.equals(survivorId)) {
                throw Problem.notFound("No merge " + mergeId + " into contact " + survivorId + ".")
                    .exception();
              }
              if (!merge.inForce()) {
                throw new Problem(
                        Problem.type("already-unmerged"),
                        "Already unmerged",
                        409,
                        "Merge "
                            + mergeId
                            + " was undone on "
                            + merge.unmergedAt
                            + " by "
                            + merge.unmergedByName
                            + ".")
                    .exception();
              }
              return lockBoth(workspaceId, survivorId, merge.mergedId, false)
                  .chain(pair -> unmerge(merge, pair.first(), pair.second(), actor));
            });
  }

  private Uni<MergeView.Result> unmerge(
      ContactMerge merge, Contact survivor, Contact restored, Actor actor) {
    Instant now = Ids.now();
    ContactState current = ContactState.of(survivor);
    ContactState restoredState =
        MergeRule.unmerge(current, merge.survivorAfter, merge.survivorBefore);
    restoredState.applyTo(survivor);
    survivor.stage = current.stage();
    survivor.disqualifiedReason = current.disqualifiedReason();
    Uni<Void> staged =
        restoredState.stage().equals(current.stage())
            ? Uni.createFrom().voidItem()
            : stages.record(
                survivor,
                Stage.of(restoredState.stage()).orElseThrow(),
                "Unmerged from " + label(restored),
                restoredState.disqualifiedReason(),
                StageChange.UNMERGE,
                actor,
                now);
    merge.mergedState.applyTo(restored);
    restored.mergedInto = null;
    restored.mergedAt = null;
    restored.updatedAt = now;
    survivor.updatedAt = now;
    merge.unmergedAt = now;
    merge.unmergedById = actor.id();
    merge.unmergedByName = actor.name();
    Set<UUID> movedIdentities = new HashSet<>(merge.movedIdentities);
    Set<UUID> movedHandles = new HashSet<>(merge.movedHandles);

    return staged
        .chain(() -> holdings(survivor.id))
        .chain(
            kept ->
                holdings(restored.id)
                    .map(
                        own -> {
                          Holdings back =
                              new Holdings(
                                  kept.identities().stream()
                                      .filter(i -> movedIdentities.contains(i.id))
                                      .toList(),
                                  kept.handles().stream()
                                      .filter(h -> movedHandles.contains(h.id))
                                      .toList());
                          back.identities().forEach(i -> i.contactId = restored.id);
                          back.handles().forEach(h -> h.contactId = restored.id);
                          Holdings stays = kept.without(back);
                          Holdings returned = own.with(back);
                          survivor.searchText =
                              searchText.of(survivor, stays.handles(), stays.identities());
                          restored.searchText =
                              searchText.of(restored, returned.handles(), returned.identities());
                          return new Returned(stays, returned, back);
                        }))
        .chain(
            split -> {
              List<String> keys =
                  split.back().identities().stream().map(ContactIdentity::key).toList();
              return audit
                  .record(
                      survivor.workspaceId,
                      AuditEntry.UNMERGE,
                      survivor.id,
                      restored.id,
                      merge.id,
                      actor,
                      now,
                      Map.of("identities", keys))
                  .chain(() -> decide(survivor, restored.id, MergeSuggestion.DISMISSED, actor, now))
                  .chain(
                      () ->
                          events.unmerged(
                              survivor.workspaceId,
                              merge.id.toString(),
                              survivor.id.toString(),
                              restored.id.toString(),
                              keys,
                              actor.id()))
                  .chain(() -> events.updated(survivor, split.stays().handles(), null))
                  .chain(() -> events.updated(restored, split.returned().handles(), null))
                  .chain(() -> contactService.view(survivor))
                  .chain(
                      survivorView ->
                          contactService
                              .view(restored)
                              .map(
                                  restoredView ->
                                      new MergeView.Result(
                                          MergeView.of(merge, keys), survivorView, restoredView)));
            });
  }

  private Uni<Holdings> holdings(UUID contactId) {
    return identities
        .ofContact(contactId)
        .chain(ids -> handles.ofContact(contactId).map(held -> new Holdings(ids, held)));
  }

  /** A person decided about the pair: whatever suggestion there was for it is closed. */
  private Uni<Void> decide(Contact contact, UUID otherId, String status, Actor actor, Instant now) {
    return suggestions
        .ofPair(contact.workspaceId, contact.id, otherId)
        .invoke(
            suggestion -> {
              if (suggestion != null) {
                suggestion.status = status;
                suggestion.decidedById = actor.id();
                suggestion.decidedByName = actor.name();
                suggestion.decidedAt = now;
                suggestion.updatedAt = now;
              }
            })
        .replaceWithVoid();
  }

  private Uni<Pair> lockBoth(String workspaceId, UUID survivorId, UUID mergedId) {
    return lockBoth(workspaceId, survivorId, mergedId, true);
  }

  /**
   * Locks both rows, the lower id first so that two merges of the same pair cannot deadlock.
   *
   * @param bothActive whether the merged contact must stand on its own too (a merge), or be folded
   *     into the survivor (an unmerge)
   */
  private Uni<Pair> lockBoth(
      String workspaceId, UUID survivorId, UUID mergedId, boolean bothActive) {
    boolean survivorFirst = survivorId.toString().compareTo(mergedId.toString()) < 0;
    UUID first = survivorFirst ? survivorId : mergedId;
    UUID second = survivorFirst ? mergedId : survivorId;
    return contacts
        .lockInWorkspace(workspaceId, first)
        .chain(
            a ->
                contacts
                    .lockInWorkspace(workspaceId, second)
                    .map(
                        b -> {
                          Contact survivor = survivorFirst ? a : b;
                          Contact merged = survivorFirst ? b : a;
                          if (survivor == null) {
                            throw Ids.contactNotFound(survivorId);
                          }
                          if (merged == null) {
                            throw Ids.contactNotFound(mergedId);
                          }
                          if (!survivor.isActive()) {
                            throw ContactService.mergedAway(survivor);
                          }
                          if (bothActive && !merged.isActive()) {
                            throw ContactService.mergedAway(merged);
                          }
                          return new Pair(survivor, merged);
                        }));
  }

  private static String label(Contact contact) {
    return contact.name != null ? contact.name : "contact " + contact.id;
  }

  private static ProblemException invalid(String field, String message) {
    return Problem.validation(List.of(new Problem.FieldError(field, message))).exception();
  }

  private record Pair(Contact first, Contact second) {}

  /** A contact's identities and handles. */
  private record Holdings(List<ContactIdentity> identities, List<ContactHandle> handles) {

    Holdings without(Holdings part) {
      return new Holdings(
          identities.stream().filter(i -> !part.identities.contains(i)).toList(),
          handles.stream().filter(h -> !part.handles.contains(h)).toList());
    }

    Holdings with(Holdings part) {
      List<ContactIdentity> ids = new ArrayList<>(identities);
      ids.addAll(part.identities);
      List<ContactHandle> held = new ArrayList<>(handles);
      held.addAll(part.handles);
      return new Holdings(ids, held);
    }
  }

  /**
   * What an unmerge divides.
   *
   * @param stays what the survivor keeps
   * @param returned what the restored contact holds after
   * @param back what goes back from the survivor to the restored contact
   */
  private record Returned(Holdings stays, Holdings returned, Holdings back) {}

  /** What the survivor holds after a merge, and the identities that came to it. */
  private record Moved(List<ContactHandle> handles, List<String> keys) {}
}
