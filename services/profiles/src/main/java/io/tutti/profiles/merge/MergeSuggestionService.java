package io.tutti.profiles.merge;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.profiles.config.ProfilesConfig;
import io.tutti.profiles.contact.Actor;
import io.tutti.profiles.contact.Contact;
import io.tutti.profiles.contact.ContactRepository;
import io.tutti.profiles.contact.ContactSummaries;
import io.tutti.profiles.contact.ContactSummary;
import io.tutti.profiles.contact.Cursor;
import io.tutti.profiles.contact.Ids;
import io.tutti.profiles.contact.Page;
import io.tutti.profiles.contact.PageSize;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The merge suggestions people decide about: listed by confidence, dismissed when wrong. */
@ApplicationScoped
public class MergeSuggestionService {

  private static final String CURSOR_VERSION = "s1";

  private final MergeSuggestionRepository suggestions;
  private final ContactRepository contacts;
  private final ContactSummaries summaries;
  private final ProfilesConfig config;

  public MergeSuggestionService(
      MergeSuggestionRepository suggestions,
      ContactRepository contacts,
      ContactSummaries summaries,
      ProfilesConfig config) {
    this.suggestions = suggestions;
    this.contacts = contacts;
    this.summaries = summaries;
    this.config = config;
  }

  /** Open suggestions, highest confidence first; with a contact id, only those involving it. */
  @WithSession
  public Uni<Page<SuggestionView>> open(
      String workspaceId, String contactId, String cursorText, String limitText) {
    int limit = PageSize.of(limitText, config);
    UUID contact = null;
    if (contactId != null && !contactId.isBlank()) {
      contact = Ids.parse(contactId.strip());
      if (contact == null) {
        throw Problem.validation(
                List.of(new Problem.FieldError("contactId", "must be a contact id")))
            .exception();
      }
    }
    String[] cursor = Cursor.parts(cursorText);
    BigDecimal afterConfidence = null;
    UUID afterId = null;
    if (cursor != null) {
      if (cursor.length != 3 || !CURSOR_VERSION.equals(cursor[0])) {
        throw Cursor.invalid();
      }
      try {
        afterConfidence = new BigDecimal(cursor[1]);
        afterId = UUID.fromString(cursor[2]);
      } catch (IllegalArgumentException e) {
        throw Cursor.invalid();
      }
    }
    return suggestions
        .open(workspaceId, contact, afterConfidence, afterId, limit + 1)
        .chain(found -> page(found, limit));
  }

  private Uni<Page<SuggestionView>> page(List<MergeSuggestion> found, int limit) {
    List<MergeSuggestion> shown = found.subList(0, Math.min(limit, found.size()));
    String next = null;
    if (found.size() > limit) {
      MergeSuggestion last = shown.getLast();
      next =
          Cursor.encode(
              String.join(
                  "|", CURSOR_VERSION, last.confidence.toPlainString(), last.id.toString()));
    }
    Set<UUID> ids = new LinkedHashSet<>();
    shown.forEach(
        s -> {
          ids.add(s.contactA);
          ids.add(s.contactB);
        });
    String nextCursor = next;
    Uni<List<Contact>> involved =
        ids.isEmpty()
            ? Uni.createFrom().item(List.of())
            : contacts.list("id in ?1", List.copyOf(ids));
    return involved
        .chain(summaries::of)
        .map(
            all -> {
              Map<UUID, ContactSummary> byId = new HashMap<>();
              all.forEach(summary -> byId.put(summary.id(), summary));
              return new Page<>(shown.stream().map(s -> view(s, byId)).toList(), nextCursor);
            });
  }

  private static SuggestionView view(MergeSuggestion s, Map<UUID, ContactSummary> contacts) {
    List<ContactSummary> pair =
        List.of(contacts.get(s.contactA), contacts.get(s.contactB)).stream()
            .sorted(Comparator.comparing(ContactSummary::createdAt))
            .toList();
    return new SuggestionView(
        s.id,
        pair,
        s.confidence,
        s.reasons.stream()
            .sorted(Comparator.comparing(SuggestionReason::confidence).reversed())
            .toList(),
        s.createdAt,
        s.updatedAt);
  }

  /** A person decided the two are not one person: the suggestion is closed for good. */
  @WithTransaction
  public Uni<Void> dismiss(String workspaceId, UUID id, Actor actor) {
    return suggestions
        .findInWorkspace(workspaceId, id)
        .onItem()
        .ifNull()
        .failWith(
            () -> Problem.notFound("No merge suggestion " + id + " in your workspace.").exception())
        .invoke(
            suggestion -> {
              if (!MergeSuggestion.OPEN.equals(suggestion.status)) {
                throw new Problem(
                        Problem.type("suggestion-decided"),
                        "Already decided",
                        409,
                        "This suggestion was " + suggestion.status + " already.")
                    .exception();
              }
              suggestion.status = MergeSuggestion.DISMISSED;
              suggestion.decidedById = actor.id();
              suggestion.decidedByName = actor.name();
              suggestion.decidedAt = Ids.now();
              suggestion.updatedAt = suggestion.decidedAt;
            })
        .replaceWithVoid();
  }
}
