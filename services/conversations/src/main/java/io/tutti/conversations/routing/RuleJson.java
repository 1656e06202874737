package io.tutti.conversations.routing;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tutti.events.storage.DatabaseJsonFormat;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule's conditions and actions, stored as JSON text: Hibernate Reactive reads {@code jsonb} as
 * an object, which a list is not.
 */
final class RuleJson {

  private RuleJson() {}

  @Converter
  static class Conditions implements AttributeConverter<List<RuleCondition>, String> {

    private static final TypeReference<List<RuleCondition>> TYPE = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(List<RuleCondition> conditions) {
      return DatabaseJsonFormat.write(conditions == null ? List.of() : conditions);
    }

    @Override
    public List<RuleCondition> convertToEntityAttribute(String json) {
      return json == null
          ? new ArrayList<>()
          : new ArrayList<>(DatabaseJsonFormat.read(json, TYPE));
    }
  }

  @Converter
  static class Actions implements AttributeConverter<List<RuleAction>, String> {

    private static final TypeReference<List<RuleAction>> TYPE = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(List<RuleAction> actions) {
      return DatabaseJsonFormat.write(actions == null ? List.of() : actions);
    }

    @Override
    public List<RuleAction> convertToEntityAttribute(String json) {
      return json == null
          ? new ArrayList<>()
          : new ArrayList<>(DatabaseJsonFormat.read(json, TYPE));
    }
  }
}
