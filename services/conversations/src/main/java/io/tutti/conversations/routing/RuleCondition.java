package io.tutti.conversations.routing;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One condition of a rule, as the API and the database hold it.
 *
 * @param field what it looks at, e.g. {@code channel}, {@code message.text}, {@code
 *     contact.attribute.plan}
 * @param operator {@code equals}, {@code contains}, {@code in}, {@code gt}, …
 * @param value a text, a number, true or false, or a list for {@code in} and {@code not_in}; none
 *     for {@code present} and {@code absent}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleCondition(String field, String operator, Object value) {}
