package io.tutti.profiles.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.web.problem.Problem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads custom attributes from a request, each checked against the type it names. */
final class Attributes {

  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final int MAX_TEXT = 2000;
  private static final int MAX_LIST = 100;
  private static final int MAX_LIST_ITEM = 200;

  private Attributes() {}

  static Map<String, AttributeValue> read(
      Map<String, ContactUpdate.AttributeInput> input, List<Problem.FieldError> errors) {
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    input.forEach(
        (key, attribute) -> {
          String field = "attributes." + key;
          if (!KEY.matcher(key).matches()) {
            errors.add(
                new Problem.FieldError(
                    field,
                    "key must start with a letter and have at most 64 letters, digits, _ . -"));
            return;
          }
          String problem = problem(attribute);
          if (problem != null) {
            errors.add(new Problem.FieldError(field, problem));
            return;
          }
          values.put(key, new AttributeValue(attribute.type(), value(attribute)));
        });
    return values;
  }

  private static String problem(ContactUpdate.AttributeInput attribute) {
    JsonNode value = attribute.value();
    if (value == null || value.isNull()) {
      return "needs a value; leave the attribute out to remove it";
    }
    return switch (attribute.type()) {
      case AttributeValue.TEXT ->
          value.isTextual() && value.asText().length() <= MAX_TEXT
              ? null
              : "must be text of at most " + MAX_TEXT + " characters";
      case AttributeValue.NUMBER -> value.isNumber() ? null : "must be a number";
      case AttributeValue.BOOLEAN -> value.isBoolean() ? null : "must be true or false";
      case AttributeValue.DATE -> isDate(value) ? null : "must be a date written YYYY-MM-DD";
      case AttributeValue.LIST -> isList(value) ? null : listRule();
      default -> "type must be one of text, number, date, boolean, list";
    };
  }

  private static Object value(ContactUpdate.AttributeInput attribute) {
    JsonNode value = attribute.value();
    return switch (attribute.type()) {
      case AttributeValue.NUMBER -> new BigDecimal(value.asText());
      case AttributeValue.BOOLEAN -> value.asBoolean();
      case AttributeValue.LIST -> {
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.asText()));
        yield List.copyOf(items);
      }
      default -> value.asText();
    };
  }

  private static boolean isDate(JsonNode value) {
    if (!value.isTextual()) {
      return false;
    }
    try {
      LocalDate.parse(value.asText());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isList(JsonNode value) {
    if (!value.isArray() || value.size() > MAX_LIST) {
      return false;
    }
    for (JsonNode item : value) {
      if (!item.isTextual() || item.asText().length() > MAX_LIST_ITEM) {
        return false;
      }
    }
    return true;
  }

  private static String listRule() {
    return "must be a list of at most "
        + MAX_LIST
        + " texts of at most "
        + MAX_LIST_ITEM
        + " characters";
  }
}
