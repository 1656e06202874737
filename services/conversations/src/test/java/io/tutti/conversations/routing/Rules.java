package io.tutti.conversations.routing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Makes routing rules through the real API; call as an admin. */
final class Rules {

  private Rules() {}

  static Map<String, Object> condition(String field, String operator, Object value) {
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("field", field);
    condition.put("operator", operator);
    if (value != null) {
      condition.put("value", value);
    }
    return condition;
  }

  static Map<String, Object> condition(String field, String operator) {
    return condition(field, operator, null);
  }

  static Map<String, Object> action(String type, Object... fields) {
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("type", type);
    for (int i = 0; i < fields.length; i += 2) {
      action.put((String) fields[i], fields[i + 1]);
    }
    return action;
  }

  static Map<String, Object> label(String label) {
    return action("add_label", "value", label);
  }

  /** A rule body: the trigger, all of the conditions, the actions. */
  static Map<String, Object> rule(
      String name, String trigger, List<?> conditions, List<?> actions) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("name", name);
    rule.put("trigger", trigger);
    rule.put("conditions", conditions);
    rule.put("actions", actions);
    return rule;
  }

  /** Creates the rule and answers it. */
  static JsonPath create(Map<String, ?> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/api/routing-rules")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** Creates a rule on new conversations that labels them when all its conditions hold. */
  static String labelWhen(String label, List<?> conditions) {
    return labelWhen(label, "conversation_opened", conditions);
  }

  static String labelWhen(String label, String trigger, List<?> conditions) {
    return create(rule("label " + label, trigger, conditions, List.of(label(label))))
        .getString("id");
  }
}
