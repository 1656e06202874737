package io.tutti.conversations.routing;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.tutti.web.problem.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The kinds of facts rules look at. */
final class FieldTypes {

  static final int MAX_TEXT_VALUE = 500;
  static final int MAX_LIST_VALUES = 100;
  static final int MAX_PATTERN = 500;

  private FieldTypes() {}

  /** Every text operator, comparisons by number included (contact attributes). */
  static final Set<Operator> ALL_TEXT =
      EnumSet.of(
          Operator.EQUALS,
          Operator.NOT_EQUALS,
          Operator.CONTAINS,
          Operator.NOT_CONTAINS,
          Operator.MATCHES,
          Operator.IN,
          Operator.NOT_IN,
          Operator.PRESENT,
          Operator.ABSENT);

  static final Set<Operator> CHOICE =
      EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN, Operator.NOT_IN);

  /**
   * Text compared after {@link Texts#normalise}. With {@code keywords}, {@code in} means "contains
   * any of these words" (a message's text) rather than "is one of these values". With {@code
   * allowed}, every value must be one of them (channels). With {@code numeric}, {@code gt} and
   * {@code lt} compare numbers (contact attributes). A fact that is a list (an attribute) matches
   * when any of its items does.
   */
  static final class Text implements FieldType {

    private final Set<Operator> operators;
    private final boolean keywords;
    private final List<String> allowed;

    Text(Set<Operator> operators, boolean keywords, List<String> allowed) {
      this.operators = operators;
      this.keywords = keywords;
      this.allowed = allowed;
    }

    static Text of(Set<Operator> operators) {
      return new Text(operators, false, null);
    }

    static Text keywords() {
      return new Text(
          EnumSet.of(
              Operator.EQUALS,
              Operator.NOT_EQUALS,
              Operator.CONTAINS,
              Operator.NOT_CONTAINS,
              Operator.MATCHES,
              Operator.IN,
              Operator.NOT_IN,
              Operator.PRESENT,
              Operator.ABSENT),
          true,
          null);
    }

    static Text oneOf(List<String> allowed) {
      return new Text(CHOICE, false, allowed);
    }

    static Text attribute() {
      Set<Operator> operators = EnumSet.copyOf(ALL_TEXT);
      operators.add(Operator.GT);
      operators.add(Operator.LT);
      return new Text(operators, false, null);
    }

    @Override
    public Set<Operator> operators() {
      return operators;
    }

    @Override
    public Object compile(
        Operator operator, Object raw, String path, List<Problem.FieldError> errors) {
      return switch (operator) {
        case PRESENT, ABSENT -> null;
        case MATCHES -> pattern(raw, path, errors);
        case IN, NOT_IN -> {
          List<String> values = list(raw, path, errors);
          yield values == null ? null : allowedOnly(values, path, errors);
        }
        case GT, LT -> number(raw, path, errors);
        default -> {
          String value = text(raw, path, errors);
          yield value == null || allowedOnly(List.of(value), path, errors) == null ? null : value;
        }
      };
    }

    private List<String> allowedOnly(
        List<String> values, String path, List<Problem.FieldError> errors) {
      if (allowed == null) {
        return values;
      }
      List<String> unknown = values.stream().filter(v -> !allowed.contains(v)).toList();
      if (!unknown.isEmpty()) {
        errors.add(new Problem.FieldError(path, "must be one of " + allowed + ", not " + unknown));
        return null;
      }
      return values;
    }

    @Override
    public boolean test(Operator operator, Object actual, Object value) {
      List<String> facts = facts(actual);
      return switch (operator) {
        case PRESENT -> !facts.isEmpty();
        case ABSENT -> facts.isEmpty();
        case EQUALS -> facts.contains((String) value);
        case NOT_EQUALS -> !facts.contains((String) value);
        case CONTAINS -> facts.stream().anyMatch(f -> f.contains((String) value));
        case NOT_CONTAINS -> facts.stream().noneMatch(f -> f.contains((String) value));
        case MATCHES -> facts.stream().anyMatch(f -> ((Pattern) value).matcher(f).find());
        case IN -> anyIn(facts, value);
        case NOT_IN -> !anyIn(facts, value);
        case GT -> numbers(actual).stream().anyMatch(n -> n.compareTo((BigDecimal) value) > 0);
        case LT -> numbers(actual).stream().anyMatch(n -> n.compareTo((BigDecimal) value) < 0);
      };
    }

    @SuppressWarnings("unchecked")
    private boolean anyIn(List<String> facts, Object value) {
      List<String> values = (List<String>) value;
      return keywords
          ? facts.stream().anyMatch(f -> values.stream().anyMatch(f::contains))
          : facts.stream().anyMatch(values::contains);
    }

    /** The fact's non-blank texts, normalised: none when unknown, one, or a list's items. */
    private static List<String> facts(Object actual) {
      List<String> facts = new ArrayList<>();
      for (Object item : items(actual)) {
        if (item instanceof Collection<?> || item instanceof java.util.Map<?, ?>) {
          continue;
        }
        String text = Texts.normalise(String.valueOf(item));
        if (!text.isBlank()) {
          facts.add(text);
        }
      }
      return facts;
    }

    private static List<BigDecimal> numbers(Object actual) {
      List<BigDecimal> numbers = new ArrayList<>();
      for (Object item : items(actual)) {
        BigDecimal number = asNumber(item);
        if (number != null) {
          numbers.add(number);
        }
      }
      return numbers;
    }

    private static Collection<?> items(Object actual) {
      if (actual == null) {
        return List.of();
      }
      return actual instanceof Collection<?> list ? list : List.of(actual);
    }
  }

  /**
   * A set of words on the conversation (its labels, or what an update changed): {@code present} and
   * {@code absent} without a value ask whether there is any; with one, or with {@code equals},
   * {@code not_equals}, {@code in} and {@code not_in}, whether these are among them.
   */
  static final class Words implements FieldType {

    private final List<String> allowed;

    Words(List<String> allowed) {
      this.allowed = allowed;
    }

    @Override
    public Set<Operator> operators() {
      return EnumSet.of(
          Operator.PRESENT,
          Operator.ABSENT,
          Operator.EQUALS,
          Operator.NOT_EQUALS,
          Operator.IN,
          Operator.NOT_IN);
    }

    @Override
    public Object compile(
        Operator operator, Object raw, String path, List<Problem.FieldError> errors) {
      if (!operator.takesValue() && raw == null) {
        return null;
      }
      List<String> values =
          operator.takesList() ? list(raw, path, errors) : single(text(raw, path, errors));
      if (values != null && allowed != null) {
        List<String> unknown = values.stream().filter(v -> !allowed.contains(v)).toList();
        if (!unknown.isEmpty()) {
          errors.add(
              new Problem.FieldError(path, "must be one of " + allowed + ", not " + unknown));
          return null;
        }
      }
      return values;
    }

    private static List<String> single(String value) {
      return value == null ? null : List.of(value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean test(Operator operator, Object actual, Object value) {
      List<String> words =
          actual == null
              ? List.of()
              : ((Collection<String>) actual).stream().map(Texts::normalise).toList();
      List<String> wanted = (List<String>) value;
      boolean any = wanted == null ? !words.isEmpty() : wanted.stream().anyMatch(words::contains);
      return switch (operator) {
        case PRESENT, EQUALS, IN -> any;
        case ABSENT, NOT_EQUALS, NOT_IN -> !any;
        default -> false;
      };
    }
  }

  /** A whole number (minutes): {@code gt}, {@code lt}, and whether it is known at all. */
  static final class Number implements FieldType {

    @Override
    public Set<Operator> operators() {
      return EnumSet.of(Operator.GT, Operator.LT, Operator.PRESENT, Operator.ABSENT);
    }

    @Override
    public Object compile(
        Operator operator, Object raw, String path, List<Problem.FieldError> errors) {
      return operator.takesValue() ? number(raw, path, errors) : null;
    }

    @Override
    public boolean test(Operator operator, Object actual, Object value) {
      BigDecimal fact = asNumber(actual);
      return switch (operator) {
        case PRESENT -> fact != null;
        case ABSENT -> fact == null;
        case GT -> fact != null && fact.compareTo((BigDecimal) value) > 0;
        case LT -> fact != null && fact.compareTo((BigDecimal) value) < 0;
        default -> false;
      };
    }
  }

  /** Yes or no: {@code equals true}, {@code equals false}, {@code not_equals}. */
  static final class Flag implements FieldType {

    @Override
    public Set<Operator> operators() {
      return EnumSet.of(Operator.EQUALS, Operator.NOT_EQUALS);
    }

    @Override
    public Object compile(
        Operator operator, Object raw, String path, List<Problem.FieldError> errors) {
      if (raw instanceof Boolean flag) {
        return flag;
      }
      if (raw instanceof String text
          && (text.strip().equalsIgnoreCase("true") || text.strip().equalsIgnoreCase("false"))) {
        return Boolean.parseBoolean(text.strip());
      }
      errors.add(new Problem.FieldError(path, "must be true or false"));
      return null;
    }

    @Override
    public boolean test(Operator operator, Object actual, Object value) {
      boolean same = value.equals(actual);
      return operator == Operator.EQUALS ? same : !same;
    }
  }

  /**
   * One of an ordered list of values (priorities, lowest first): {@code gt} and {@code lt} compare
   * by that order.
   */
  static final class Ranked implements FieldType {

    private final List<String> ranks;

    Ranked(List<String> ranks) {
      this.ranks = ranks;
    }

    @Override
    public Set<Operator> operators() {
      return EnumSet.of(
          Operator.EQUALS,
          Operator.NOT_EQUALS,
          Operator.IN,
          Operator.NOT_IN,
          Operator.GT,
          Operator.LT);
    }

    @Override
    public Object compile(
        Operator operator, Object raw, String path, List<Problem.FieldError> errors) {
      List<String> values =
          operator.takesList()
              ? list(raw, path, errors)
              : java.util.Optional.ofNullable(text(raw, path, errors)).map(List::of).orElse(null);
      if (values == null) {
        return null;
      }
      List<String> unknown = values.stream().filter(v -> !ranks.contains(v)).toList();
      if (!unknown.isEmpty()) {
        errors.add(new Problem.FieldError(path, "must be one of " + ranks + ", not " + unknown));
        return null;
      }
      return values;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean test(Operator operator, Object actual, Object value) {
      List<String> values = (List<String>) value;
      String fact = actual == null ? null : Texts.normalise(actual.toString());
      int rank = ranks.indexOf(fact);
      return switch (operator) {
        case EQUALS, IN -> values.contains(fact);
        case NOT_EQUALS, NOT_IN -> !values.contains(fact);
        case GT -> rank >= 0 && rank > ranks.indexOf(values.getFirst());
        case LT -> rank >= 0 && rank < ranks.indexOf(values.getFirst());
        default -> false;
      };
    }
  }

  static String text(Object raw, String path, List<Problem.FieldError> errors) {
    if (raw instanceof Collection<?> || raw instanceof java.util.Map<?, ?>) {
      errors.add(new Problem.FieldError(path, "must be a single value, not a list or object"));
      return null;
    }
    String text = raw == null ? null : Texts.normalise(raw.toString().strip());
    if (text == null || text.isEmpty()) {
      errors.add(new Problem.FieldError(path, "is required for this operator"));
      return null;
    }
    if (text.length() > MAX_TEXT_VALUE) {
      errors.add(new Problem.FieldError(path, "must be at most " + MAX_TEXT_VALUE + " characters"));
      return null;
    }
    return text;
  }

  static List<String> list(Object raw, String path, List<Problem.FieldError> errors) {
    if (!(raw instanceof Collection<?> items)) {
      errors.add(new Problem.FieldError(path, "must be a list of values for this operator"));
      return null;
    }
    if (items.isEmpty() || items.size() > MAX_LIST_VALUES) {
      errors.add(new Problem.FieldError(path, "must hold 1 to " + MAX_LIST_VALUES + " values"));
      return null;
    }
    List<String> values = new ArrayList<>();
    int i = 0;
    for (Object item : items) {
      String value = text(item, path + "[" + i++ + "]", errors);
      if (value == null) {
        return null;
      }
      values.add(value);
    }
    return List.copyOf(values);
  }

  static Pattern pattern(Object raw, String path, List<Problem.FieldError> errors) {
    if (!(raw instanceof String text) || text.isEmpty()) {
      errors.add(new Problem.FieldError(path, "must be a regular expression"));
      return null;
    }
    if (text.length() > MAX_PATTERN) {
      errors.add(new Problem.FieldError(path, "must be at most " + MAX_PATTERN + " characters"));
      return null;
    }
    try {
      // The text it runs on is normalised (NFKC, lower case): so is the pattern, bar its case.
      return Pattern.compile(
          java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC),
          Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      errors.add(
          new Problem.FieldError(
              path, "is not a valid regular expression (RE2 syntax): " + e.getDescription()));
      return null;
    }
  }

  static BigDecimal number(Object raw, String path, List<Problem.FieldError> errors) {
    BigDecimal number =
        raw instanceof Boolean || (raw instanceof String text && text.length() > 30)
            ? null
            : asNumber(raw);
    if (number == null) {
      errors.add(new Problem.FieldError(path, "must be a number"));
    }
    return number;
  }

  static BigDecimal asNumber(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof java.lang.Number number) {
      return new BigDecimal(number.toString());
    }
    if (value instanceof String text) {
      try {
        return new BigDecimal(text.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
