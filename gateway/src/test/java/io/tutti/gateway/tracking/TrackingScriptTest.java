package io.tutti.gateway.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /tutti.js} as a website's visitors fetch it: with every other gateway route denied to
 * them, so the script is shown to need no sign-in at all.
 */
@QuarkusTest
@TestProfile(TrackingScriptTest.EverythingElseDenied.class)
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
class TrackingScriptTest {

  /** A policy refusing every request the gateway authorises itself. */
  public static class EverythingElseDenied implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.http.auth.permission.everything.paths", "/*",
          "quarkus.http.auth.permission.everything.policy", "deny");
    }
  }

  @Test
  void scriptIsServedToAnyoneAsJavaScriptCachedForAnHour() throws IOException {
    byte[] served =
        given()
            .when()
            .get("/tutti.js")
            .then()
            .statusCode(200)
            .header("Content-Type", "text/javascript; charset=utf-8")
            .header("Cache-Control", "public, max-age=3600")
            .header("X-Content-Type-Options", "nosniff")
            // Served by the gateway itself, not forwarded to a service.
            .header("X-Served-By", nullValue())
            .extract()
            .asByteArray();

    assertThat(served).isEqualTo(resource()).hasSizeLessThan(4 * 1024);
    given().when().get("/api/me").then().statusCode(401);
  }

  @Test
  void unchangedScriptIsRevalidatedWithoutBeingSentAgain() {
    String etag = given().when().get("/tutti.js").then().statusCode(200).extract().header("ETag");
    assertThat(etag).matches("\"[A-Za-z0-9_-]+\"");

    given()
        .header("If-None-Match", "\"older\", W/" + etag)
        .when()
        .get("/tutti.js")
        .then()
        .statusCode(304)
        .header("ETag", etag)
        .header("Cache-Control", "public, max-age=3600")
        .body(emptyString());
    given().header("If-None-Match", "\"older\"").when().get("/tutti.js").then().statusCode(200);
  }

  @Test
  void headAnswersWithTheScriptsLengthAndNoBody() throws IOException {
    Response answer = given().when().head("/tutti.js").then().statusCode(200).extract().response();

    assertThat(answer.header("Content-Length")).isEqualTo(String.valueOf(resource().length));
    assertThat(answer.asByteArray()).isEmpty();
  }

  private static byte[] resource() throws IOException {
    try (InputStream in =
        TrackingScriptTest.class.getClassLoader().getResourceAsStream("tracking/tutti.js")) {
      return in.readAllBytes();
    }
  }
}
