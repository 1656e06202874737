package io.tutti.profiles.timeline;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tutti.events.storage.DatabaseJsonFormat;
import io.tutti.profiles.config.ProfilesConfig;
import io.tutti.profiles.contact.ContactRepository;
import io.tutti.profiles.contact.Cursor;
import io.tutti.profiles.contact.Ids;
import io.tutti.profiles.contact.PageSize;
import io.tutti.profiles.merge.AuditEntry;
import io.tutti.profiles.merge.AuditRepository;
import io.tutti.profiles.merge.Conflict;
import io.tutti.profiles.stage.StageChangeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A contact's whole history, newest first: conversations on every channel (read from conversations
 * with the caller's token), and from profiles' own data web sessions, sales, stage changes, merges
 * and unmerges, of the contact and of every contact merged into it.
 *
 * <p>A page takes the newest entries of each source before the cursor and keeps the newest {@code
 * limit}. Conversations' list is read a page at a time; entries older than the oldest conversation
 * of a page that has more after it wait for the next page, so nothing is skipped. When
 * conversations cannot be read the page still answers with the rest and names what is missing.
 */
@ApplicationScoped
public class TimelineService {

  static final String CONVERSATIONS = "conversations";
  private static final Logger LOG = Logger.getLogger(TimelineService.class);
  private static final TypeReference<List<Conflict>> CONFLICTS = new TypeReference<>() {};

  private final ContactRepository contacts;
  private final StageChangeRepository stageChanges;
  private final WebSessionRepository sessions;
  private final ConversionRepository conversions;
  private final AuditRepository audit;
  private final ConversationsGateway conversationsGateway;
  private final ProfilesConfig config;

  public TimelineService(
      ContactRepository contacts,
      StageChangeRepository stageChanges,
      WebSessionRepository sessions,
      ConversionRepository conversions,
      AuditRepository audit,
      ConversationsGateway conversationsGateway,
      ProfilesConfig config) {
    this.contacts = contacts;
    this.stageChanges = stageChanges;
    this.sessions = sessions;
    this.conversions = conversions;
    this.audit = audit;
    this.conversationsGateway = conversationsGateway;
    this.config = config;
  }

  public Uni<TimelinePage> page(
      String workspaceId, UUID id, String cursorText, String limitText, String authorization) {
    int limit = PageSize.of(limitText, config);
    TimelineCursor cursor = TimelineCursor.decode(cursorText);
    Cursor position = cursor == null ? null : cursor.position();
    // The database is read in a session of its own, closed before conversations is called, so the
    // session is never used from the HTTP client's callbacks.
    return Panache.withSession(
            () ->
                contacts
                    .currentOrNotFound(workspaceId, id)
                    .chain(
                        contact ->
                            contacts
                                .family(contact.id)
                                .chain(family -> local(family, position, limit))
                                .map(local -> new Found(contact.id, local))))
        .chain(
            found ->
                remote(found.contactId(), cursor, limit, authorization)
                    .map(remote -> assemble(found.local(), remote, position, limit)));
  }

  private Uni<Local> local(List<UUID> family, Cursor position, int limit) {
    List<TimelineEntry> entries = new ArrayList<>();
    boolean[] full = new boolean[1];
    return stageChanges
        .before(family, position, limit)
        .invoke(
            rows -> {
              full[0] |= rows.size() == limit;
              rows.forEach(
                  c ->
                      entries.add(
                          new TimelineEntry.StageChanged(
                              "stage-change",
                              c.id,
                              c.at,
                              c.fromStage,
                              c.toStage,
                              c.note,
                              c.reason,
                              c.source,
                              c.byId,
                              c.byName)));
            })
        .chain(() -> sessions.before(family, position, limit))
        .invoke(
            rows -> {
              full[0] |= rows.size() == limit;
              rows.forEach(
                  s ->
                      entries.add(
                          new TimelineEntry.Session(
                              "session",
                              s.id,
                              s.startedAt,
                              s.sessionId,
                              s.channel,
                              s.campaign,
                              s.landingUrl,
                              s.referrer)));
            })
        .chain(() -> conversions.before(family, position, limit))
        .invoke(
            rows -> {
              full[0] |= rows.size() == limit;
              rows.forEach(
                  s ->
                      entries.add(
                          new TimelineEntry.Sale(
                              "sale",
                              s.id,
                              s.occurredAt,
                              s.saleId,
                              s.orderId,
                              s.amount,
                              s.currency)));
            })
        .chain(() -> audit.mergesBefore(family, position, limit))
        .invoke(
            rows -> {
              full[0] |= rows.size() == limit;
              rows.forEach(a -> entries.add(merge(a)));
            })
        .map(ignored -> new Local(entries, full[0]));
  }

  private static TimelineEntry.Merge merge(AuditEntry entry) {
    Object conflicts = entry.details.get("conflicts");
    return new TimelineEntry.Merge(
        entry.action,
        entry.id,
        entry.at,
        entry.mergeId,
        entry.contactId,
        entry.otherContactId,
        entry.actorId,
        entry.actorName,
        conflicts == null ? null : DatabaseJsonFormat.MAPPER.convertValue(conflicts, CONFLICTS));
  }

  private Uni<Remote> remote(
      UUID contactId, TimelineCursor cursor, int limit, String authorization) {
    if (cursor != null && cursor.conversationsDone()) {
      return Uni.createFrom().item(Remote.DONE);
    }
    String used = cursor == null ? null : cursor.conversationsCursor();
    return conversationsGateway
        .page(contactId.toString(), used, limit, authorization)
        .map(page -> new Remote(used, page, null, false))
        .onFailure()
        .recoverWithItem(failure -> new Remote(used, null, missing(contactId, failure), false));
  }

  private static TimelinePage.Missing missing(UUID contactId, Throwable failure) {
    if (failure instanceof ConversationsGateway.Refused refused) {
      LOG.infof("conversations refused the timeline of %s (%d)", contactId, refused.status());
      return new TimelinePage.Missing(
          CONVERSATIONS,
          "refused",
          "Conversations did not show this contact's conversations to you (HTTP "
              + refused.status()
              + ").");
    }
    String why =
        failure instanceof TimeoutException
            ? "did not answer in time"
            : failure instanceof CircuitBreakerOpenException
                ? "is resting after repeated failures"
                : "could not be reached";
    LOG.warnf("timeline of %s without conversations: %s", contactId, failure.toString());
    return new TimelinePage.Missing(
        CONVERSATIONS,
        "unavailable",
        "Conversations " + why + "; this page lacks the contact's conversations.");
  }

  private static TimelinePage assemble(Local local, Remote remote, Cursor position, int limit) {
    List<TimelineEntry> fromConversations = remote.entries();
    List<TimelineEntry> merged = new ArrayList<>(local.entries());
    for (TimelineEntry entry : fromConversations) {
      if (position == null || before(entry, position)) {
        merged.add(entry);
      }
    }
    merged.sort(TimelineEntry.NEWEST_FIRST);

    boolean cut = false;
    TimelineEntry oldestConversation =
        fromConversations.isEmpty()
            ? null
            : fromConversations.stream().max(TimelineEntry.NEWEST_FIRST).orElseThrow();
    if (oldestConversation != null && remote.page().nextCursor() != null) {
      // Conversations' next page may hold entries newer than anything older than this one.
      cut = merged.removeIf(e -> TimelineEntry.NEWEST_FIRST.compare(e, oldestConversation) > 0);
    }
    List<TimelineEntry> items = List.copyOf(merged.subList(0, Math.min(limit, merged.size())));

    String nextRemote;
    boolean remoteDone;
    if (remote.done()) {
      nextRemote = null;
      remoteDone = true;
    } else if (remote.page() == null) {
      nextRemote = remote.used();
      remoteDone = false;
    } else if (oldestConversation == null || served(oldestConversation, items, position)) {
      nextRemote = remote.page().nextCursor();
      remoteDone = nextRemote == null;
    } else {
      nextRemote = remote.used();
      remoteDone = false;
    }
    boolean more = merged.size() > items.size() || cut || local.full() || !remoteDone;
    String next =
        items.isEmpty() || !more
            ? null
            : new TimelineCursor(
                    new Cursor(items.getLast().at(), items.getLast().id()), nextRemote, remoteDone)
                .encode();
    return new TimelinePage(
        items, next, remote.missing() == null ? List.of() : List.of(remote.missing()));
  }

  /** Whether the entry is on this page or an earlier one. */
  private static boolean served(TimelineEntry entry, List<TimelineEntry> items, Cursor position) {
    return items.contains(entry) || (position != null && !before(entry, position));
  }

  private static boolean before(TimelineEntry entry, Cursor position) {
    int byTime = entry.at().compareTo(position.at());
    return byTime < 0
        || (byTime == 0 && entry.id().toString().compareTo(position.id().toString()) < 0);
  }

  private record Found(UUID contactId, Local local) {}

  /** Profiles' own entries, and whether any source may have more than it gave. */
  private record Local(List<TimelineEntry> entries, boolean full) {}

  /**
   * What conversations gave for this page.
   *
   * @param used the conversations cursor asked with
   * @param page its answer; null when it had none to give
   * @param missing why it had none
   * @param done its list was read to the end on earlier pages
   */
  private record Remote(
      String used,
      ConversationsClient.ConversationPage page,
      TimelinePage.Missing missing,
      boolean done) {

    static final Remote DONE = new Remote(null, null, null, true);

    List<TimelineEntry> entries() {
      if (page == null || page.items() == null) {
        return List.of();
      }
      List<TimelineEntry> entries = new ArrayList<>();
      for (ConversationsClient.ConversationItem item : page.items()) {
        UUID id = Ids.parse(item.id());
        if (id == null || item.lastMessageAt() == null) {
          LOG.warnf("conversations listed a conversation without id or time: %s", item.id());
          continue;
        }
        entries.add(
            new TimelineEntry.Conversation(
                "conversation",
                id,
                item.lastMessageAt(),
                item.channel(),
                item.inboxId(),
                item.status(),
                item.subject(),
                item.lastMessagePreview(),
                item.assigneeId(),
                item.labels() == null ? List.of() : item.labels(),
                recentMessages(item)));
      }
      return entries;
    }

    /** An older conversations gives no recent messages: the entry then has none. */
    private static List<TimelineEntry.Conversation.Message> recentMessages(
        ConversationsClient.ConversationItem item) {
      if (item.recentMessages() == null) {
        return List.of();
      }
      return item.recentMessages().stream()
          .filter(Objects::nonNull)
          .map(
              m ->
                  new TimelineEntry.Conversation.Message(
                      m.id(),
                      m.direction(),
                      m.kind(),
                      m.isPrivate(),
                      m.authorName(),
                      m.text(),
                      m.attachments() == null
                          ? List.of()
                          : m.attachments().stream()
                              .filter(Objects::nonNull)
                              .map(
                                  a ->
                                      new TimelineEntry.Conversation.Attachment(a.type(), a.name()))
                              .toList(),
                      m.status(),
                      m.sentAt(),
                      m.createdAt()))
          .toList();
    }
  }
}
