package io.tutti.profiles.search;

import io.tutti.profiles.contact.Contact;
import io.tutti.profiles.identity.ContactHandle;
import io.tutti.profiles.identity.ContactIdentity;
import io.tutti.profiles.identity.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words a contact is found by: lower case and without accents (so {@code jose} finds José),
 * each name and company word, each email address with its local part and domain, each username, and
 * each phone number in every way people start typing one. Stored as {@code " word word …"} so that
 * "a word starts with the term" is the pattern {@code "% term%"}, which the trigram index serves.
 */
@ApplicationScoped
public class SearchText {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");

  private final PhoneNumbers phones;

  public SearchText(PhoneNumbers phones) {
    this.phones = phones;
  }

  public String of(
      Contact contact, Collection<ContactHandle> handles, Collection<ContactIdentity> identities) {
    Set<String> words = new LinkedHashSet<>();
    addWords(words, contact.name);
    addWords(words, contact.company);
    addWords(words, contact.city);
    for (ContactIdentity identity : identities) {
      addWords(words, identity.displayName);
    }
    for (ContactHandle handle : handles) {
      switch (handle.kind) {
        case ContactHandle.PHONE -> words.addAll(phones.typedForms(handle.value));
        case ContactHandle.EMAIL -> {
          words.add(handle.value);
          int at = handle.value.indexOf('@');
          words.add(handle.value.substring(0, at));
          words.add(handle.value.substring(at + 1));
        }
        default -> words.add(normalise(handle.value));
      }
    }
    words.removeIf(String::isEmpty);
    StringBuilder text = new StringBuilder();
    for (String word : words) {
      text.append(' ').append(word);
    }
    return text.toString();
  }

  /** Lower case, accents removed: how both the stored words and the terms searched are compared. */
  public static String normalise(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT).strip();
  }

  private static void addWords(Set<String> words, String text) {
    if (text == null || text.isBlank()) {
      return;
    }
    for (String word : SEPARATORS.split(normalise(text))) {
      words.add(word.startsWith("@") ? word.substring(1) : word);
    }
  }
}
