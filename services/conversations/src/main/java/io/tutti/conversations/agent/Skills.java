package io.tutti.conversations.agent;

import io.tutti.web.problem.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Skills as agents, teams and routing rules name them: lower-cased, so {@code Spanish} on a rule
 * finds an agent with {@code spanish}.
 */
public final class Skills {

  private static final Pattern SKILL = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.\\-]{0,49}");

  private Skills() {}

  /** A problem for each of the values that is not a skill, named {@code field[i]}. */
  public static List<Problem.FieldError> check(List<String> requested, String field) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (requested == null) {
      return errors;
    }
    for (int i = 0; i < requested.size(); i++) {
      if (of(requested.get(i)) == null) {
        errors.add(
            new Problem.FieldError(
                field + "[" + i + "]",
                "must be 1 to 50 letters, digits, spaces, '-', '_' or '.', starting with a letter"
                    + " or digit"));
      }
    }
    return errors;
  }

  /** The valid skills among the values in their stored form, without repeats, in order. */
  public static List<String> normalise(Collection<String> requested) {
    if (requested == null) {
      return List.of();
    }
    LinkedHashSet<String> skills = new LinkedHashSet<>();
    for (String value : requested) {
      String skill = of(value);
      if (skill != null) {
        skills.add(skill);
      }
    }
    return List.copyOf(skills);
  }

  /** One skill in its stored form, or null when it is not one. */
  public static String of(String value) {
    if (value == null) {
      return null;
    }
    String skill = value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    return SKILL.matcher(skill).matches() ? skill : null;
  }
}
