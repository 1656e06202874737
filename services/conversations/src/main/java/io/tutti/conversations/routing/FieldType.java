package io.tutti.conversations.routing;

import io.tutti.web.problem.Problem;
import java.util.List;
import java.util.Set;

/**
 * What kind of fact a condition field holds, and so which operators make sense on it, what their
 * values must be and how they compare.
 */
interface FieldType {

  Set<Operator> operators();

  /**
   * The condition's value made ready for {@link #test}: normalised text, a list, a compiled
   * pattern, a number. Adds to {@code errors} (at {@code path}) and answers null when it is not
   * valid; {@code raw} is null only for operators that take no value.
   */
  Object compile(Operator operator, Object raw, String path, List<Problem.FieldError> errors);

  /** Whether the fact ({@code actual}, null when unknown) satisfies the condition. */
  boolean test(Operator operator, Object actual, Object value);
}
