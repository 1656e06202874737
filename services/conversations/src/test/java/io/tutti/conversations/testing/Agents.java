package io.tutti.conversations.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.events.testing.Callers;
import java.util.Map;

/** Agents through the real API: signing in as they would, and an admin setting them up. */
public final class Agents {

  private Agents() {}

  /**
   * Each agent makes a request of the workspace, as their first one after signing in (their
   * presence), and the test goes on as ada, the admin.
   */
  public static void signIn(String workspace, String... agentIds) {
    for (String agentId : agentIds) {
      Callers.agent(agentId, workspace);
      given().post("/api/agents/me/heartbeat").then().statusCode(204);
    }
    Callers.admin("ada", workspace);
  }

  /** Sets an agent up as an admin (call as one); answers the agent. */
  public static JsonPath configure(String agentId, Map<String, ?> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/agents/" + agentId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  public static JsonPath get(String agentId) {
    return given().get("/api/agents/" + agentId).then().statusCode(200).extract().jsonPath();
  }
}
