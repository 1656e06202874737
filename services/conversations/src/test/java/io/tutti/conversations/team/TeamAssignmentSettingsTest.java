package io.tutti.conversations.team;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.events.testing.Callers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class TeamAssignmentSettingsTest {

  @BeforeEach
  void asAdmin() {
    Callers.admin("ada", "ws-" + UUID.randomUUID());
  }

  @Test
  void aTeamKeepsItsStrategySkillsHoursAndLead() {
    Map<String, Object> request = new HashMap<>();
    request.put("name", "Sales");
    request.put("memberIds", List.of("sam"));
    request.put("strategy", "sticky");
    request.put("fallbackStrategy", "round_robin");
    request.put("requiredSkills", List.of("Spanish", "spanish", "Leads"));
    request.put("timeZone", "Europe/Berlin");
    request.put(
        "businessHours",
        List.of(
            Map.of("days", List.of("fri", "Mon", "tue"), "from", "09:00", "to", "18:00"),
            Map.of("days", List.of("sat"), "from", "10:00", "to", "24:00")));
    request.put("noReplyMinutes", 30);
    request.put("leadId", "lena");

    JsonPath created = post(request).then().statusCode(201).extract().jsonPath();
    JsonPath read =
        given().get("/api/teams/" + created.getString("id")).then().extract().jsonPath();

    for (JsonPath team : List.of(created, read)) {
      assertThat(team.getString("strategy")).isEqualTo("sticky");
      assertThat(team.getString("fallbackStrategy")).isEqualTo("round_robin");
      assertThat(team.getList("requiredSkills")).containsExactly("spanish", "leads");
      assertThat(team.getString("timeZone")).isEqualTo("Europe/Berlin");
      assertThat(team.getList("businessHours[0].days")).containsExactly("mon", "tue", "fri");
      assertThat(team.getString("businessHours[1].to")).isEqualTo("24:00");
      assertThat(team.getInt("noReplyMinutes")).isEqualTo(30);
      assertThat(team.getString("leadId")).isEqualTo("lena");
    }
    JsonPath replaced =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("name", "Sales", "memberIds", List.of("sam")))
            .put("/api/teams/" + created.getString("id"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(replaced.getString("strategy")).isEqualTo("manual");
    assertThat(replaced.getString("fallbackStrategy")).isEqualTo("least_loaded");
    assertThat(replaced.getList("businessHours")).isEmpty();
    assertThat(replaced.getString("noReplyMinutes")).isNull();
  }

  @Test
  void badSettingsAreRefusedWithEachReason() {
    refused(Map.of("strategy", "random"), "strategy", "must be one of");
    refused(
        Map.of("strategy", "sticky", "fallbackStrategy", "sticky"), "fallbackStrategy", "one of");
    refused(Map.of("requiredSkills", List.of("ok", "#hash")), "requiredSkills[1]", "letters");
    refused(Map.of("timeZone", "Mars/Olympus_Mons"), "timeZone", "IANA");
    refused(Map.of("noReplyMinutes", 0), "noReplyMinutes", "");
    refused(
        Map.of("businessHours", List.of(window(List.of("mon"), "09:00", "17:00"))),
        "timeZone",
        "required with businessHours");

    Map<String, Object> bad = new HashMap<>();
    bad.put("name", "Night shift");
    bad.put("timeZone", "America/New_York");
    bad.put(
        "businessHours",
        List.of(
            window(List.of(), "09:00", "17:00"),
            window(List.of("funday"), "09:00", "17:00"),
            window(List.of("mon"), "9am", "25:00"),
            window(List.of("tue"), "22:00", "06:00")));
    post(bad)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "errors.field",
            hasItems(
                "businessHours[0].days",
                "businessHours[1].days",
                "businessHours[2].from",
                "businessHours[2].to",
                "businessHours[3].to"))
        .body(
            "errors.message",
            hasItems(
                allOf(containsString("funday"), containsString("mon")),
                containsString("two windows")));
    assertThat(given().get("/api/teams").then().extract().jsonPath().getList("id")).isEmpty();
  }

  private static void refused(Map<String, ?> fields, String field, String reason) {
    Map<String, Object> request = new HashMap<>(fields);
    request.put("name", "Team " + UUID.randomUUID());
    post(request)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(field))
        .body("errors.message", hasItem(containsString(reason)));
  }

  private static Map<String, Object> window(List<String> days, String from, String to) {
    return Map.of("days", days, "from", from, "to", to);
  }

  private static Response post(Map<String, ?> request) {
    return given().contentType(ContentType.JSON).body(request).post("/api/teams");
  }
}
