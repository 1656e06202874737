package io.tutti.connectors.webchat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.tutti.connectors.testing.ConnectorsTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectorsTest
class WidgetResourceTest {

  /** No login: the class runs without a test identity, as a website visitor's browser does. */
  @Test
  void widgetIsCacheableJavaScriptThatOpensTheChatSocket() {
    given()
        .when()
        .get("/widget.js")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/javascript"))
        .header("Cache-Control", equalTo("public, max-age=300"))
        .header("ETag", startsWith("\""))
        .header("Cross-Origin-Resource-Policy", equalTo("cross-origin"))
        .body(containsString("'chat/ws'"))
        .body(containsString("'tutti_aid'"))
        .body(containsString("data-site-key"))
        .body(containsString("attachShadow"));
  }

  @Test
  void unchangedWidgetIsRevalidatedWithoutABody() {
    String etag = given().when().get("/widget.js").then().statusCode(200).extract().header("ETag");

    given()
        .header("If-None-Match", etag)
        .when()
        .get("/widget.js")
        .then()
        .statusCode(304)
        .header("ETag", equalTo(etag))
        .body(emptyString());
    given()
        .header("If-None-Match", "\"an-older-version\"")
        .when()
        .get("/widget.js")
        .then()
        .statusCode(200)
        .body(not(emptyString()));
  }
}
