package io.tutti.profiles.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.profiles.contact.Actor;
import io.tutti.profiles.contact.Contact;
import io.tutti.profiles.contact.ContactRepository;
import io.tutti.profiles.contact.ContactService;
import io.tutti.profiles.contact.ContactView;
import io.tutti.profiles.contact.Ids;
import io.tutti.profiles.contact.InOrder;
import io.tutti.profiles.identity.HandleRepository;
import io.tutti.profiles.identity.IdentityRepository;
import io.tutti.profiles.merge.AuditEntry;
import io.tutti.profiles.merge.AuditLog;
import io.tutti.profiles.merge.AuditRepository;
import io.tutti.profiles.merge.AuditView;
import io.tutti.profiles.merge.ContactMergeRepository;
import io.tutti.profiles.merge.ContactState;
import io.tutti.profiles.merge.MergeSuggestionRepository;
import io.tutti.profiles.merge.MergeView;
import io.tutti.profiles.messaging.ContactEvents;
import io.tutti.profiles.stage.StageChangeRepository;
import io.tutti.profiles.timeline.ConversionRepository;
import io.tutti.profiles.timeline.WebSessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A person's rights over their data: all of it exported (what profiles holds, with conversations'
 * and attribution's parts), or all of it erased (profiles' here; the other services follow {@code
 * contact.erased}). Both cover the contact and every contact merged into it, which are the same
 * person.
 */
@ApplicationScoped
public class PrivacyService {

  private static final Logger LOG = Logger.getLogger(PrivacyService.class);

  private final ContactRepository contacts;
  private final ContactService contactService;
  private final IdentityRepository identities;
  private final HandleRepository handles;
  private final StageChangeRepository stageChanges;
  private final WebSessionRepository sessions;
  private final ConversionRepository conversions;
  private final ContactMergeRepository merges;
  private final MergeSuggestionRepository suggestions;
  private final AuditRepository auditEntries;
  private final AuditLog audit;
  private final ContactEvents events;
  private final ExportSources sources;

  public PrivacyService(
      ContactRepository contacts,
      ContactService contactService,
      IdentityRepository identities,
      HandleRepository handles,
      StageChangeRepository stageChanges,
      WebSessionRepository sessions,
      ConversionRepository conversions,
      ContactMergeRepository merges,
      MergeSuggestionRepository suggestions,
      AuditRepository auditEntries,
      AuditLog audit,
      ContactEvents events,
      ExportSources sources) {
    this.contacts = contacts;
    this.contactService = contactService;
    this.identities = identities;
    this.handles = handles;
    this.stageChanges = stageChanges;
    this.sessions = sessions;
    this.conversions = conversions;
    this.merges = merges;
    this.suggestions = suggestions;
    this.auditEntries = auditEntries;
    this.audit = audit;
    this.events = events;
    this.sources = sources;
  }

  /**
   * Everything about the person: profiles' own data, and conversations' and attribution's parts
   * read with the caller's token. A service that cannot be read leaves its part out and is named in
   * {@code missing}; the export still answers with the rest.
   */
  public Uni<ContactExport> export(String workspaceId, UUID id, String authorization) {
    // The database is read in a session of its own, closed before the other services are called,
    // so the session is never used from the HTTP clients' callbacks.
    return Panache.withSession(
            () ->
                contacts
                    .currentOrNotFound(workspaceId, id)
                    .chain(
                        contact ->
                            contacts.family(contact.id).chain(family -> export(contact, family))))
        .chain(local -> withOtherServices(local, authorization));
  }

  private Uni<ContactExport> withOtherServices(ContactExport local, String authorization) {
    String contactId = local.contact().id().toString();
    return Uni.combine()
        .all()
        .unis(
            part(
                ExportSources.CONVERSATIONS,
                contactId,
                sources.conversations(contactId, authorization)),
            part(
                ExportSources.ATTRIBUTION,
                contactId,
                sources.attribution(contactId, authorization)))
        .with(
            (conversations, attribution) ->
                local.with(
                    conversations.answer(),
                    attribution.answer(),
                    Stream.of(conversations.missing(), attribution.missing())
                        .filter(Objects::nonNull)
                        .toList()));
  }

  private static Uni<Part> part(String source, String contactId, Uni<JsonNode> answer) {
    return answer
        .map(json -> new Part(json, null))
        .onFailure()
        .recoverWithItem(failure -> new Part(null, missing(source, contactId, failure)));
  }

  private static ContactExport.Missing missing(String source, String contactId, Throwable failure) {
    if (failure instanceof ExportSources.Refused refused) {
      LOG.infof("%s refused the export of %s (%d)", source, contactId, refused.status());
      return new ContactExport.Missing(
          source,
          "refused",
          capitalized(source)
              + " did not hand over its part of this person's data to you (HTTP "
              + refused.status()
              + ").");
    }
    String why =
        failure instanceof TimeoutException
            ? "did not answer in time"
            : failure instanceof CircuitBreakerOpenException
                ? "is resting after repeated failures"
                : "could not be reached";
    LOG.warnf("export of %s without %s: %s", contactId, source, failure.toString());
    return new ContactExport.Missing(
        source,
        "unavailable",
        capitalized(source) + " " + why + "; this export lacks its part of the person's data.");
  }

  private static String capitalized(String source) {
    return Character.toUpperCase(source.charAt(0)) + source.substring(1);
  }

  /** What one service gave for the export: its answer, or why there is none. */
  private record Part(JsonNode answer, ContactExport.Missing missing) {}

  private Uni<ContactExport> export(Contact contact, List<UUID> family) {
    List<UUID> others = family.stream().filter(i -> !i.equals(contact.id)).toList();
    ExportBuilder export = new ExportBuilder();
    return contactService
        .view(contact)
        .invoke(view -> export.contact = view)
        .chain(() -> contacts.list("id in ?1 order by createdAt, id", family))
        .invoke(
            all ->
                export.mergedContacts =
                    all.stream()
                        .filter(c -> !c.id.equals(contact.id))
                        .map(
                            c ->
                                new ContactExport.MergedContact(
                                    c.id, c.mergedAt, ContactState.of(c), c.createdAt))
                        .toList())
        .chain(() -> handles.ofContacts(others))
        .invoke(
            held -> export.mergedHandles = held.stream().map(ContactService::handleView).toList())
        .chain(() -> stageChanges.ofContacts(family))
        .invoke(
            rows ->
                export.stageChanges =
                    rows.stream()
                        .map(
                            s ->
                                new ContactExport.StageChangeRecord(
                                    s.id,
                                    s.contactId,
                                    s.fromStage,
                                    s.toStage,
                                    s.note,
                                    s.reason,
                                    s.source,
                                    s.byId,
                                    s.byName,
                                    s.at))
                        .toList())
        .chain(() -> sessions.ofContacts(family))
        .invoke(
            rows ->
                export.sessions =
                    rows.stream()
                        .map(
                            s ->
                                new ContactExport.SessionRecord(
                                    s.contactId,
                                    s.sessionId,
                                    s.anonymousId,
                                    s.channel,
                                    s.campaign,
                                    s.landingUrl,
                                    s.referrer,
                                    s.startedAt))
                        .toList())
        .chain(() -> conversions.ofContacts(family))
        .invoke(
            rows ->
                export.sales =
                    rows.stream()
                        .map(
                            s ->
                                new ContactExport.SaleRecord(
                                    s.contactId,
                                    s.saleId,
                                    s.orderId,
                                    s.amount,
                                    s.currency,
                                    s.occurredAt))
                        .toList())
        .chain(() -> merges.involving(family))
        .chain(
            rows ->
                identities
                    .byIds(rows.stream().flatMap(m -> m.movedIdentities.stream()).toList())
                    .invoke(
                        moved -> {
                          Map<UUID, String> keys = new HashMap<>();
                          moved.forEach(i -> keys.put(i.id, i.key()));
                          export.merges =
                              rows.stream()
                                  .map(
                                      m ->
                                          new ContactExport.MergeRecord(
                                              MergeView.of(
                                                  m,
                                                  m.movedIdentities.stream()
                                                      .map(keys::get)
                                                      .filter(Objects::nonNull)
                                                      .toList()),
                                              m.survivorBefore,
                                              m.mergedState))
                                  .toList();
                        }))
        .chain(() -> auditEntries.involving(family))
        .invoke(rows -> export.audit = rows.stream().map(AuditView::of).toList())
        .chain(() -> suggestions.involving(family))
        .map(
            rows -> {
              export.suggestions =
                  rows.stream()
                      .map(
                          s ->
                              new ContactExport.SuggestionRecord(
                                  s.id,
                                  s.contactA,
                                  s.contactB,
                                  s.status,
                                  s.confidence,
                                  s.reasons,
                                  s.createdAt))
                      .toList();
              return export.build();
            });
  }

  /**
   * Deletes every row of profiles about the person: the contact, the contacts merged into it, their
   * identities, handles, stage history, sessions, sales, merges, merge suggestions and audit
   * entries, and the published events that named them. Announces {@code contact.erased} for each
   * contact id, so the other services erase theirs. The audit log keeps that an erasure happened,
   * by whom and when, and nothing of the person.
   */
  @WithTransaction
  public Uni<Void> erase(String workspaceId, UUID id, Actor actor) {
    return contacts
        .lockInWorkspace(workspaceId, id)
        .onItem()
        .ifNull()
        .failWith(() -> Ids.contactNotFound(id))
        .invoke(
            contact -> {
              if (!contact.isActive()) {
                throw ContactService.mergedAway(contact);
              }
            })
        .chain(contact -> contacts.family(contact.id))
        .chain(family -> erase(workspaceId, family, actor));
  }

  private Uni<Void> erase(String workspaceId, List<UUID> family, Actor actor) {
    Instant now = Ids.now();
    return identities
        .list("contactId in ?1", family)
        .chain(
            known -> {
              // Read before the rows go: the other services know the person by these ids.
              Map<UUID, List<String>> byContact = new java.util.HashMap<>();
              known.forEach(
                  identity ->
                      byContact
                          .computeIfAbsent(identity.contactId, key -> new java.util.ArrayList<>())
                          .add(identity.channel + ":" + identity.externalId));
              return erase(workspaceId, family, actor, now, known.size(), byContact);
            });
  }

  private Uni<Void> erase(
      String workspaceId,
      List<UUID> family,
      Actor actor,
      Instant now,
      long identityCount,
      Map<UUID, List<String>> identitiesByContact) {
    return Uni.createFrom()
        .item(identityCount)
        .chain(
            ignored ->
                suggestions
                    .delete("contactA in ?1 or contactB in ?1", family)
                    .chain(() -> merges.delete("survivorId in ?1 or mergedId in ?1", family))
                    .chain(
                        () ->
                            auditEntries.delete("contactId in ?1 or otherContactId in ?1", family))
                    .chain(() -> stageChanges.delete("contactId in ?1", family))
                    .chain(() -> sessions.delete("contactId in ?1", family))
                    .chain(() -> conversions.delete("contactId in ?1", family))
                    .chain(() -> handles.delete("contactId in ?1", family))
                    .chain(() -> identities.delete("contactId in ?1", family))
                    .chain(() -> contacts.update("mergedInto = null where id in ?1", family))
                    .chain(() -> contacts.delete("id in ?1", family))
                    .chain(() -> InOrder.each(family, this::forgetPublishedEvents))
                    .chain(
                        () ->
                            audit.record(
                                workspaceId,
                                AuditEntry.ERASE,
                                null,
                                null,
                                null,
                                actor,
                                now,
                                Map.of("contacts", family.size(), "identities", identityCount)))
                    .chain(
                        () ->
                            InOrder.each(
                                family,
                                contactId ->
                                    events.erased(
                                        workspaceId,
                                        contactId.toString(),
                                        actor.id(),
                                        identitiesByContact.getOrDefault(contactId, List.of())))));
  }

  /**
   * Published events that named the contact carry their name and handles until the outbox's
   * retention would remove them; erasure removes them now. Events not yet published still go out,
   * ahead of {@code contact.erased}, so that every service can match the erasure to what it holds.
   */
  private Uni<Integer> forgetPublishedEvents(UUID contactId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "delete from outbox_event where published_at is not null and envelope like"
                            + " ?1")
                    .setParameter(1, "%" + contactId + "%")
                    .executeUpdate());
  }

  /** The export's parts, gathered one query after another. */
  private static final class ExportBuilder {
    ContactView contact;
    List<ContactExport.MergedContact> mergedContacts;
    List<ContactView.HandleView> mergedHandles;
    List<ContactExport.StageChangeRecord> stageChanges;
    List<ContactExport.SessionRecord> sessions;
    List<ContactExport.SaleRecord> sales;
    List<ContactExport.MergeRecord> merges;
    List<AuditView> audit;
    List<ContactExport.SuggestionRecord> suggestions;

    ContactExport build() {
      return new ContactExport(
          Instant.now(),
          contact,
          mergedContacts,
          mergedHandles,
          stageChanges,
          sessions,
          sales,
          merges,
          audit,
          suggestions,
          null,
          null,
          List.of());
    }
  }
}
