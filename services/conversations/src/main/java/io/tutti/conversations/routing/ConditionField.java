package io.tutti.conversations.routing;

import java.util.Set;
import java.util.function.Function;

/**
 * One fact a condition can name: its kind (which operators and values it takes), how it is read
 * from the facts of a run, what a run must load for it, and the triggers it means something on.
 */
record ConditionField(
    String name,
    FieldType type,
    Function<Facts, Object> reader,
    Set<Facts.Need> needs,
    Set<Trigger> triggers) {

  ConditionField(String name, FieldType type, Function<Facts, Object> reader) {
    this(name, type, reader, Set.of(), Set.of(Trigger.values()));
  }

  ConditionField needing(Facts.Need need) {
    return new ConditionField(name, type, reader, Set.of(need), triggers);
  }

  ConditionField only(Trigger trigger) {
    return new ConditionField(name, type, reader, needs, Set.of(trigger));
  }

  Object read(Facts facts) {
    return reader.apply(facts);
  }
}
