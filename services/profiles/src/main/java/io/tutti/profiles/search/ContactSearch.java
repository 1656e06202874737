package io.tutti.profiles.search;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tutti.profiles.config.ProfilesConfig;
import io.tutti.profiles.contact.Contact;
import io.tutti.profiles.contact.ContactRepository;
import io.tutti.profiles.contact.ContactSummaries;
import io.tutti.profiles.contact.ContactSummary;
import io.tutti.profiles.contact.Cursor;
import io.tutti.profiles.contact.Page;
import io.tutti.profiles.contact.PageSize;
import io.tutti.profiles.identity.PhoneNumbers;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the workspace's contacts by the start of any word of their name, company or city, any email
 * address (or its domain), username, or phone number however it is typed. Several words must all
 * match. Newest contacts first.
 */
@ApplicationScoped
public class ContactSearch {

  private static final int MAX_QUERY = 200;
  private static final int MAX_TERMS = 8;

  private final ContactRepository contacts;
  private final ContactSummaries summaries;
  private final PhoneNumbers phones;
  private final ProfilesConfig config;

  public ContactSearch(
      ContactRepository contacts,
      ContactSummaries summaries,
      PhoneNumbers phones,
      ProfilesConfig config) {
    this.contacts = contacts;
    this.summaries = summaries;
    this.phones = phones;
    this.config = config;
  }

  @WithSession
  public Uni<Page<ContactSummary>> search(
      String workspaceId, String q, String cursorText, String limitText) {
    int limit = PageSize.of(limitText, config);
    Cursor cursor = Cursor.decode(cursorText);
    if (q != null && q.length() > MAX_QUERY) {
      throw Problem.validation(
              List.of(new Problem.FieldError("q", "must be at most " + MAX_QUERY + " characters")))
          .exception();
    }
    List<Set<String>> terms = terms(q);
    StringBuilder query = new StringBuilder("workspaceId = ?1 and mergedInto is null");
    List<Object> parameters = new ArrayList<>(List.of(workspaceId));
    for (Set<String> alternatives : terms) {
      List<String> matches = new ArrayList<>();
      for (String alternative : alternatives) {
        parameters.add("% " + escape(alternative) + "%");
        matches.add("searchText like ?" + parameters.size() + " escape '!'");
      }
      query.append(" and (").append(String.join(" or ", matches)).append(')');
    }
    if (cursor != null) {
      parameters.add(cursor.at());
      int at = parameters.size();
      parameters.add(cursor.id());
      query
          .append(" and (createdAt < ?")
          .append(at)
          .append(" or (createdAt = ?")
          .append(at)
          .append(" and id < ?")
          .append(at + 1)
          .append("))");
    }
    query.append(" order by createdAt desc, id desc");
    return contacts
        .find(query.toString(), parameters.toArray())
        .page(0, limit + 1)
        .list()
        .chain(found -> page(found, limit));
  }

  private Uni<Page<ContactSummary>> page(List<Contact> found, int limit) {
    List<Contact> shown = found.subList(0, Math.min(limit, found.size()));
    String next =
        found.size() > limit
            ? new Cursor(shown.getLast().createdAt, shown.getLast().id).encode()
            : null;
    return summaries.of(shown).map(items -> new Page<>(items, next));
  }

  /**
   * The query's terms, each with the spellings any of which may match: a phone number typed with
   * spaces, dashes or brackets is one term, its digits (and its international digits when it reads
   * as a whole number of the default region); other words are matched lower case, without accents
   * and a leading {@code @}.
   */
  List<Set<String>> terms(String q) {
    if (q == null || q.isBlank()) {
      return List.of();
    }
    String text = q.strip();
    if (PhoneNumbers.looksLikePhone(text)) {
      Set<String> spellings = new LinkedHashSet<>();
      spellings.add(text.replaceAll("[^0-9]", ""));
      phones.e164(text).ifPresent(e164 -> spellings.add(e164.substring(1)));
      return List.of(spellings);
    }
    List<Set<String>> terms = new ArrayList<>();
    for (String word : SearchText.normalise(text).split("[\\s,;]+")) {
      String term = word.startsWith("@") ? word.substring(1) : word;
      if (!term.isEmpty() && terms.size() < MAX_TERMS) {
        terms.add(Set.of(term));
      }
    }
    return terms;
  }

  private static String escape(String term) {
    return term.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
