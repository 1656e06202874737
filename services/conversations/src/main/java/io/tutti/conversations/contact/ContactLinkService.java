package io.tutti.conversations.contact;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.activity.Activity;
import io.tutti.conversations.activity.ActivityLog;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.conversation.ConversationRepository;
import io.tutti.conversations.messaging.ConversationEvents;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.ContactMerged;
import io.tutti.events.type.ContactResolved;
import io.tutti.events.type.ContactUnmerged;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps each conversation pointing at the contact profiles says its identity belongs to. An
 * identity is a channel and the customer's id on it ({@code instagram:1784…}), across the
 * workspace's inboxes, as profiles names them.
 *
 * <ul>
 *   <li>{@code contact.resolved}: the identity's conversations, and those it opens later, get the
 *       contact (the survivor when that contact was merged meanwhile).
 *   <li>{@code contact.merged}: the merged contact's conversations and identities move to the
 *       survivor.
 *   <li>{@code contact.unmerged}: the identities listed, and their conversations, go back to the
 *       restored contact. An unmerge that arrives before its merge wins over it.
 * </ul>
 */
@ApplicationScoped
public class ContactLinkService {

  private static final Logger LOG = Logger.getLogger(ContactLinkService.class);

  /** Merges of merges are followed this far; profiles never builds longer chains. */
  private static final int MAX_MERGE_HOPS = 10;

  private final ConversationRepository conversations;
  private final ContactIdentityRepository identities;
  private final ContactMergeRepository merges;
  private final ActivityLog activity;
  private final ConversationEvents events;

  public ContactLinkService(
      ConversationRepository conversations,
      ContactIdentityRepository identities,
      ContactMergeRepository merges,
      ActivityLog activity,
      ConversationEvents events) {
    this.conversations = conversations;
    this.identities = identities;
    this.merges = merges;
    this.activity = activity;
    this.events = events;
  }

  public Uni<Void> resolved(EventEnvelope event) {
    ContactResolved resolved = (ContactResolved) event.payload();
    require(resolved.contactId(), "contact.resolved without contactId");
    require(resolved.channel(), "contact.resolved without channel");
    require(resolved.externalContactId(), "contact.resolved without externalContactId");
    String workspaceId = event.workspaceId();
    Instant now = now();
    return effectiveContact(workspaceId, resolved.contactId(), 0)
        .chain(
            contactId ->
                pointIdentity(
                        workspaceId,
                        resolved.channel(),
                        resolved.externalContactId(),
                        contactId,
                        now)
                    .chain(
                        () ->
                            conversations.lockOfIdentity(
                                workspaceId, resolved.channel(), resolved.externalContactId()))
                    .chain(found -> repoint(found, contactId, event, now)));
  }

  public Uni<Void> merged(EventEnvelope event) {
    ContactMerged merged = (ContactMerged) event.payload();
    require(merged.survivorId(), "contact.merged without survivorId");
    require(merged.mergedId(), "contact.merged without mergedId");
    String workspaceId = event.workspaceId();
    String mergeId = merged.mergeId() != null ? merged.mergeId() : event.id().toString();
    Instant now = now();
    return merges
        .findById(mergeId)
        .chain(
            known -> {
              if (known != null && (known.mergedAt != null || known.unmergedAt != null)) {
                // Seen before, or already undone by an unmerge that overtook it.
                return Uni.createFrom().voidItem();
              }
              ContactMerge merge = known != null ? known : new ContactMerge();
              merge.mergeId = mergeId;
              merge.workspaceId = workspaceId;
              merge.survivorId = merged.survivorId();
              merge.mergedId = merged.mergedId();
              merge.mergedAt = now;
              return merges
                  .persist(merge)
                  .chain(() -> effectiveContact(workspaceId, merged.survivorId(), 0))
                  .chain(
                      survivor ->
                          identities
                              .update(
                                  "contactId = ?1, updatedAt = ?2 where key.workspaceId = ?3"
                                      + " and contactId = ?4",
                                  survivor,
                                  now,
                                  workspaceId,
                                  merged.mergedId())
                              .chain(
                                  () -> conversations.lockOfContact(workspaceId, merged.mergedId()))
                              .chain(found -> repoint(found, survivor, event, now)));
            });
  }

  public Uni<Void> unmerged(EventEnvelope event) {
    ContactUnmerged unmerged = (ContactUnmerged) event.payload();
    require(unmerged.restoredId(), "contact.unmerged without restoredId");
    String workspaceId = event.workspaceId();
    Instant now = now();
    String mergeId = unmerged.mergeId() != null ? unmerged.mergeId() : event.id().toString();
    return merges
        .findById(mergeId)
        .chain(
            known -> {
              ContactMerge merge = known != null ? known : new ContactMerge();
              merge.mergeId = mergeId;
              merge.workspaceId = workspaceId;
              if (known == null) {
                merge.survivorId =
                    unmerged.survivorId() != null ? unmerged.survivorId() : unmerged.restoredId();
                merge.mergedId = unmerged.restoredId();
              }
              merge.unmergedAt = now;
              return merges.persist(merge);
            })
        .chain(
            () ->
                Multi.createFrom()
                    .iterable(unmerged.identities() == null ? List.of() : unmerged.identities())
                    .onItem()
                    .transformToUniAndConcatenate(
                        identity -> restore(workspaceId, identity, unmerged, event, now))
                    .collect()
                    .asList())
        .replaceWithVoid();
  }

  private Uni<Void> restore(
      String workspaceId,
      String identity,
      ContactUnmerged unmerged,
      EventEnvelope event,
      Instant now) {
    int colon = identity == null ? -1 : identity.indexOf(':');
    if (colon <= 0 || colon == identity.length() - 1) {
      LOG.warnf(
          "contact.unmerged %s names identity '%s', not channel:externalId; skipped",
          event.id(), identity);
      return Uni.createFrom().voidItem();
    }
    String channel = identity.substring(0, colon);
    String externalId = identity.substring(colon + 1);
    return pointIdentity(workspaceId, channel, externalId, unmerged.restoredId(), now)
        .chain(() -> conversations.lockOfIdentity(workspaceId, channel, externalId))
        .chain(found -> repoint(found, unmerged.restoredId(), event, now));
  }

  private Uni<Void> pointIdentity(
      String workspaceId, String channel, String externalId, String contactId, Instant now) {
    ContactIdentity.Key key = new ContactIdentity.Key(workspaceId, channel, externalId);
    return identities
        .lock(workspaceId, channel, externalId)
        .chain(() -> identities.findById(key))
        .chain(
            known -> {
              ContactIdentity identity = known != null ? known : new ContactIdentity();
              identity.key = key;
              identity.contactId = contactId;
              identity.updatedAt = now;
              return identities.persist(identity).replaceWithVoid();
            });
  }

  private Uni<Void> repoint(
      List<Conversation> found, String contactId, EventEnvelope event, Instant now) {
    return Multi.createFrom()
        .iterable(found)
        .filter(c -> !contactId.equals(c.contactId))
        .onItem()
        .transformToUniAndConcatenate(
            c -> {
              String before = c.contactId;
              c.contactId = contactId;
              c.updatedAt = now;
              return activity
                  .record(
                      c,
                      Activity.CONTACT_CHANGED,
                      Activity.BY_SYSTEM,
                      ActivityLog.change(before, contactId),
                      now)
                  .chain(
                      () -> events.updated(c, List.of("contact"), "system", event.correlationId()));
            })
        .collect()
        .asList()
        .replaceWithVoid();
  }

  /** The contact an id stands for now: the survivor of any merge in force that folded it. */
  private Uni<String> effectiveContact(String workspaceId, String contactId, int hops) {
    if (hops >= MAX_MERGE_HOPS) {
      return Uni.createFrom().item(contactId);
    }
    return merges
        .activeMergeOf(workspaceId, contactId)
        .chain(
            merge ->
                merge == null || merge.survivorId.equals(contactId)
                    ? Uni.createFrom().item(contactId)
                    : effectiveContact(workspaceId, merge.survivorId, hops + 1));
  }

  private static void require(String value, String problem) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(problem);
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
