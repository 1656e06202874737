package io.tutti.conversations.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Database;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.conversations.testing.Teams;
import io.tutti.events.testing.Callers;
import java.sql.Timestamp;
import java.time.Instant;
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
class ReportTest extends ServiceTest {

  private static final Instant DAY = Instant.parse("2026-03-02T09:00:00Z");

  private String team;

  @BeforeEach
  void aDayOfConversations() {
    team = Teams.create("Support " + UUID.randomUUID());
    // WhatsApp: answered after 10 minutes and resolved after an hour, by alice of the team.
    String quick = conversationOn("whatsapp");
    answer(quick);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("assigneeId", "alice", "teamId", team))
        .post("/api/conversations/" + quick + "/assign")
        .then()
        .statusCode(200);
    setStatus(quick, Map.of("status", "resolved"));
    times(quick, DAY, DAY.plusSeconds(600), DAY.plusSeconds(3600));
    // WhatsApp: answered after 30 minutes, still open.
    String slow = conversationOn("whatsapp");
    answer(slow);
    times(slow, DAY, DAY.plusSeconds(1800), null);
    // Instagram: nobody answered.
    String unanswered = conversationOn("instagram");
    times(unanswered, DAY, null, null);
    // Opened the month before: outside the period.
    String old = conversationOn("instagram");
    times(old, DAY.minusSeconds(40L * 86400), null, null);
  }

  @Test
  void reportByChannelGivesVolumeFirstResponseAndResolution() {
    JsonPath report = report("from=2026-03-01&to=2026-03-03&groupBy=channel");

    assertThat(report.getList("rows.key")).containsExactly("instagram", "whatsapp");
    JsonPath whatsapp = report.setRootPath("rows[1]");
    assertThat(whatsapp.getLong("opened")).isEqualTo(2);
    assertThat(whatsapp.getLong("resolved")).isEqualTo(1);
    assertThat(whatsapp.getLong("firstResponse.count")).isEqualTo(2);
    assertThat(whatsapp.getDouble("firstResponse.averageSeconds")).isEqualTo(1200.0);
    assertThat(whatsapp.getDouble("firstResponse.medianSeconds")).isEqualTo(1200.0);
    assertThat(whatsapp.getDouble("resolution.averageSeconds")).isEqualTo(3600.0);
    JsonPath instagram = report("from=2026-03-01&to=2026-03-03").setRootPath("rows[0]");
    assertThat(instagram.getLong("opened")).isEqualTo(1);
    assertThat(instagram.getLong("firstResponse.count")).isZero();
    assertThat(instagram.getString("firstResponse.averageSeconds")).isNull();
    JsonPath totals = report("from=2026-03-01&to=2026-03-03").setRootPath("totals");
    assertThat(totals.getLong("opened")).isEqualTo(3);
    assertThat(totals.getLong("resolved")).isEqualTo(1);
    assertThat(totals.getDouble("firstResponse.averageSeconds")).isEqualTo(1200.0);
  }

  @Test
  void reportByAgentAndByTeamUseTheCurrentAssignment() {
    JsonPath byAgent = report("from=2026-03-01&to=2026-03-03&groupBy=agent");
    assertThat(byAgent.getList("rows.key")).containsExactly("alice", null);
    assertThat(byAgent.getLong("rows[0].opened")).isEqualTo(1);
    assertThat(byAgent.getDouble("rows[0].firstResponse.averageSeconds")).isEqualTo(600.0);
    assertThat(byAgent.getLong("rows[1].opened")).isEqualTo(2);

    JsonPath byTeam = report("from=2026-03-01&to=2026-03-03&groupBy=team");
    assertThat(byTeam.getList("rows.key")).containsExactly(team, null);
    assertThat(byTeam.getString("rows[0].name")).startsWith("Support ");
  }

  @Test
  void daysAtTheEndsOfTheCalendarAreRefusedNotAServerError() {
    // Found by the fuzz run (bench/.../fuzz): the default start before -999999999-01-01 and the day
    // after +999999999-12-31 overflowed LocalDate and answered 500.
    given()
        .get("/api/reports/inbox?to=-999999999-01-01")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("to"));
    given()
        .get("/api/reports/inbox?from=2026-11-01&to=%2B999999999-12-31")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("to"));
    given()
        .get("/api/reports/inbox?from=1969-12-31&to=1970-01-02")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("from"));
  }

  @Test
  void badPeriodsAndGroupingsAreRefusedAndReportsAreForAdmins() {
    given()
        .get("/api/reports/inbox?groupBy=inbox")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("groupBy"));
    given()
        .get("/api/reports/inbox?from=2026-03-05&to=2026-03-01")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("from"));
    given()
        .get("/api/reports/inbox?from=2026-13-01")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("from"));
    given().get("/api/reports/inbox?from=2024-01-01&to=2026-01-01").then().statusCode(400);
    Callers.agent("alice", workspace);
    given().get("/api/reports/inbox").then().statusCode(403);
  }

  private String conversationOn(String channel) {
    String id = "msg-" + UUID.randomUUID();
    receiveAndWait(Received.on(newInbox(), channel).id(id).build());
    return conversationOfMessage(id);
  }

  private static void answer(String conversationId) {
    write(conversationId, Map.of("text", "On it."));
  }

  /** Moves the conversation's opening, first reply and resolution to the given times. */
  private static void times(String id, Instant opened, Instant firstReply, Instant resolved) {
    Database.update(
        "update conversation set opened_at = ?, first_reply_at = ?, resolved_at = ? where id = ?",
        Timestamp.from(opened),
        firstReply == null ? null : Timestamp.from(firstReply),
        resolved == null ? null : Timestamp.from(resolved),
        UUID.fromString(id));
  }

  private static JsonPath report(String query) {
    return given().get("/api/reports/inbox?" + query).then().statusCode(200).extract().jsonPath();
  }
}
