package io.tutti.conversations.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;

/** Makes teams through the real API; call as an admin. */
public final class Teams {

  private Teams() {}

  /** Creates a team with these members and answers its id. */
  public static String create(String name, String... memberIds) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", name, "memberIds", List.of(memberIds)))
        .when()
        .post("/api/teams")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Creates a team from a whole request (strategy, skills, hours…) and answers its id. */
  public static String create(Map<String, ?> request) {
    return given()
        .contentType(ContentType.JSON)
        .body(request)
        .when()
        .post("/api/teams")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }
}
