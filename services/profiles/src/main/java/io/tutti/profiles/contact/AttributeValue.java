package io.tutti.profiles.contact;

import java.math.BigDecimal;
import java.util.List;

/**
 * A custom attribute's value with its type, stored as given so that a date stays a date.
 *
 * @param type text, number, date, boolean or list
 * @param value a string (text; date as {@code YYYY-MM-DD}), a decimal number, a boolean, or a list
 *     of strings
 */
public record AttributeValue(String type, Object value) {

  public AttributeValue {
    // One Java type per JSON value, so a value read back from the database equals the one stored.
    if (value instanceof Number number && !(value instanceof BigDecimal)) {
      value = new BigDecimal(number.toString());
    } else if (value instanceof List<?> list) {
      value = list.stream().map(String::valueOf).toList();
    }
  }

  public static final String TEXT = "text";
  public static final String NUMBER = "number";
  public static final String DATE = "date";
  public static final String BOOLEAN = "boolean";
  public static final String LIST = "list";
}
