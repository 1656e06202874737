package io.tutti.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.TuttiTestInfrastructure;
import org.junit.jupiter.api.Test;

/** profiles is down (nothing listens on its port); the other services are up. */
@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
@QuarkusTestResource(
    value = FakeServices.class,
    initArgs = @ResourceArg(name = "down", value = "profiles"),
    restrictToAnnotatedClass = true)
class ServiceDownTest {

  @Test
  void routesOfAServiceThatIsDownAnswer503ProblemNamingIt() {
    given()
        .when()
        .get("/api/contacts/7")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("X-Request-Id", not(emptyOrNullString()))
        .body("type", equalTo("urn:tutti:problem:service-unavailable"))
        .body("title", equalTo("Service unavailable"))
        .body("status", equalTo(503))
        .body("detail", containsString("profiles"))
        .body("$", not(hasKey("stackTrace")));
  }

  @Test
  void postWithABodyToAServiceThatIsDownAnswers503Too() {
    given()
        .contentType("application/json")
        .body("{\"otherContactId\":\"8\"}")
        .when()
        .post("/api/contacts/7/merge")
        .then()
        .statusCode(503)
        .body("type", equalTo("urn:tutti:problem:service-unavailable"));
  }

  @Test
  void everythingElseKeepsWorking() {
    given()
        .when()
        .get("/api/contacts/7/conversations")
        .then()
        .statusCode(200)
        .header("X-Served-By", "conversations");
    given().when().get("/webhooks/instagram/inbox-1").then().statusCode(200);
    given().when().get("/track").then().statusCode(200).header("X-Served-By", "attribution");
    given().when().get("/api/me").then().statusCode(401);
    given().when().get("/q/health/live").then().statusCode(200);
  }
}
