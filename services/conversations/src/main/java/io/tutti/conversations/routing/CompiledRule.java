package io.tutti.conversations.routing;

import io.tutti.web.problem.Problem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A rule with its conditions ready to test: fields looked up, values normalised, patterns built.
 */
final class CompiledRule {

  /** One condition ready to test. */
  record Condition(ConditionField field, Operator operator, Object value) {

    boolean test(Facts facts) {
      return field.type().test(operator, field.read(facts), value);
    }
  }

  final RoutingRule rule;
  final boolean any;
  final List<Condition> conditions;
  final Set<Facts.Need> needs;

  private CompiledRule(RoutingRule rule, boolean any, List<Condition> conditions) {
    this.rule = rule;
    this.any = any;
    this.conditions = conditions;
    Set<Facts.Need> needed = EnumSet.noneOf(Facts.Need.class);
    conditions.forEach(c -> needed.addAll(c.field().needs()));
    this.needs = needed;
  }

  /** The stored rule compiled; its conditions were checked when it was saved. */
  static CompiledRule of(RoutingRule rule) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Trigger trigger = Trigger.of(rule.trigger).orElseThrow();
    List<Condition> conditions = new ArrayList<>();
    for (int i = 0; i < rule.conditions.size(); i++) {
      Condition condition =
          condition(rule.conditions.get(i), trigger, "conditions[" + i + "]", errors);
      if (condition != null) {
        conditions.add(condition);
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException(
          "rule "
              + rule.id
              + " no longer compiles: "
              + errors.getFirst().field()
              + " "
              + errors.getFirst().message());
    }
    return new CompiledRule(rule, "any".equals(rule.match), List.copyOf(conditions));
  }

  /**
   * One condition checked against the fields, their operators and values; null, with the problems
   * added to {@code errors}, when it is not valid.
   */
  static Condition condition(
      RuleCondition condition, Trigger trigger, String path, List<Problem.FieldError> errors) {
    ConditionField field = ConditionFields.of(condition.field()).orElse(null);
    if (field == null) {
      errors.add(
          new Problem.FieldError(
              path + ".field",
              condition.field() == null || condition.field().isBlank()
                  ? "is required"
                  : "'"
                      + condition.field()
                      + "' is not a field rules know; known are "
                      + ConditionFields.names()));
      return null;
    }
    if (!field.triggers().contains(trigger)) {
      errors.add(
          new Problem.FieldError(
              path + ".field",
              "'"
                  + field.name()
                  + "' is only known on "
                  + field.triggers().stream().map(Trigger::id).toList()));
      return null;
    }
    Operator operator = Operator.of(condition.operator()).orElse(null);
    if (operator == null) {
      errors.add(
          new Problem.FieldError(
              path + ".operator",
              condition.operator() == null || condition.operator().isBlank()
                  ? "is required"
                  : "'"
                      + condition.operator()
                      + "' is not an operator; known are "
                      + Operator.ids()));
      return null;
    }
    if (!field.type().operators().contains(operator)) {
      errors.add(
          new Problem.FieldError(
              path + ".operator",
              "'"
                  + operator.id()
                  + "' does not apply to "
                  + field.name()
                  + "; it takes "
                  + field.type().operators().stream().map(Operator::id).toList()));
      return null;
    }
    if (!operator.takesValue()
        && condition.value() != null
        && !(field.type() instanceof FieldTypes.Words)) {
      errors.add(new Problem.FieldError(path + ".value", "is not taken by " + operator.id()));
      return null;
    }
    if (operator.takesValue() && condition.value() == null) {
      errors.add(new Problem.FieldError(path + ".value", "is required for " + operator.id()));
      return null;
    }
    int before = errors.size();
    Object value = field.type().compile(operator, condition.value(), path + ".value", errors);
    return errors.size() > before ? null : new Condition(field, operator, value);
  }

  /** The condition as stored: the field trimmed, the operator by its name. */
  static RuleCondition stored(RuleCondition condition) {
    return new RuleCondition(
        condition.field().strip(),
        Operator.of(condition.operator()).orElseThrow().id(),
        condition.value());
  }

  /** The same conditions for another copy of the rule, unchanged since they were compiled. */
  CompiledRule forCopy(RoutingRule same) {
    return new CompiledRule(same, any, conditions);
  }

  boolean matches(Facts facts) {
    if (conditions.isEmpty()) {
      return true;
    }
    return any
        ? conditions.stream().anyMatch(c -> c.test(facts))
        : conditions.stream().allMatch(c -> c.test(facts));
  }
}
