package io.tutti.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the gateway enforces at the door, for proxied routes and its own: rate limits, CORS for
 * configured origins only, the browser session's CSRF defences, security headers, retries of
 * repeatable requests and the circuit breaker. profiles is down here; the others are fakes.
 */
@QuarkusTest
@TestProfile(DoorPolicyTest.Limits.class)
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
@QuarkusTestResource(
    value = FakeServices.class,
    initArgs = {
      @ResourceArg(name = "down", value = "profiles"),
      @ResourceArg(name = "breaker-threshold", value = "2")
    },
    restrictToAnnotatedClass = true)
class DoorPolicyTest {

  static final String PARTNER = "https://app.partner.example";

  /** Small buckets that do not refill within a test, and one partner origin. */
  public static class Limits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "tutti.gateway.security.rate-limit.enabled", "true",
          "tutti.gateway.security.rate-limit.api-per-second", "0.001",
          "tutti.gateway.security.rate-limit.api-burst", "3",
          "tutti.gateway.security.rate-limit.public-per-second", "0.001",
          "tutti.gateway.security.rate-limit.public-burst", "2",
          "tutti.gateway.security.cors-origins", PARTNER,
          "tutti.gateway.proxy.circuit-breaker-open-for", "1h");
    }
  }

  FakeServices.Running services;

  @io.quarkus.test.common.http.TestHTTPResource("/")
  java.net.URI gateway;

  @Test
  void eachApiCredentialHasItsOwnBucketAndAnEmptyOneAnswers429WithRetryAfter() {
    String token = "Bearer token-" + UUID.randomUUID();
    for (int i = 0; i < 3; i++) {
      given().header("Authorization", token).get("/api/conversations").then().statusCode(200);
    }
    given()
        .header("Authorization", token)
        .get("/api/conversations")
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .header("Retry-After", not(nullValue()))
        .body("type", equalTo("urn:tutti:problem:rate-limited"));
    given()
        .header("Authorization", "Bearer token-" + UUID.randomUUID())
        .get("/api/conversations")
        .then()
        .statusCode(200);
  }

  @Test
  void publicEndpointsAreLimitedPerAddress() {
    given().get("/track").then().statusCode(200);
    given().get("/track").then().statusCode(200);
    Response limited = given().get("/track");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
    // Webhooks have a bucket of their own, far larger: the platforms are not starved by visitors.
    given().get("/webhooks/instagram/inbox-1").then().statusCode(200);
  }

  @Test
  void configuredOriginGetsCorsAndItsPreflightAnsweredOthersNot() {
    given()
        .header("Origin", PARTNER)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type")
        .options("/api/conversations")
        .then()
        .statusCode(204)
        .header("Access-Control-Allow-Origin", PARTNER)
        .header("Access-Control-Allow-Credentials", "true")
        .header("Access-Control-Allow-Headers", containsString("X-CSRF-Token"));
    given()
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .options("/api/conversations")
        .then()
        .statusCode(403)
        .header("Access-Control-Allow-Origin", nullValue())
        .body("type", equalTo("urn:tutti:problem:origin-not-allowed"));
  }

  @Test
  void aCrossSiteCallRidingOnTheSessionIsRefusedBeforeTheService() {
    String uri = "/api/conversations/" + UUID.randomUUID() + "/messages";
    given()
        .header("Origin", "https://evil.example")
        .cookie("q_session", "session-" + UUID.randomUUID())
        .contentType("application/json")
        .body("{\"text\":\"hi\"}")
        .post(uri)
        .then()
        .statusCode(403)
        .body("type", equalTo("urn:tutti:problem:origin-not-allowed"));
    assertThat(services.get("conversations").received(uri)).isEmpty();
  }

  @Test
  void aChangeMadeWithTheSessionNeedsTheCsrfToken() {
    String uri = "/api/conversations/" + UUID.randomUUID() + "/status";
    given()
        .cookie("q_session", "session-" + UUID.randomUUID())
        .contentType("application/json")
        .body("{\"status\":\"resolved\"}")
        .post(uri)
        .then()
        .statusCode(403)
        .body("type", equalTo("urn:tutti:problem:csrf-token-missing"));
    given()
        .cookie("q_session", "session-" + UUID.randomUUID())
        .cookie("tutti_csrf", "one")
        .header("X-CSRF-Token", "another")
        .contentType("application/json")
        .body("{\"status\":\"resolved\"}")
        .post(uri)
        .then()
        .statusCode(403);
    assertThat(services.get("conversations").received(uri)).isEmpty();
  }

  @Test
  void aSessionTheGatewayCannotReadAnswers401NotARedirect() {
    String uri = "/api/conversations?view=" + UUID.randomUUID();
    given()
        .redirects()
        .follow(false)
        .cookie("q_session", "not-a-session-" + UUID.randomUUID())
        .get(uri)
        .then()
        .statusCode(401)
        .body("type", equalTo("urn:tutti:problem:signed-out"));
    assertThat(services.get("conversations").received(uri)).isEmpty();
  }

  @Test
  void everyAnswerCarriesSecurityHeadersAndPagesTheirPolicyAndCsrfCookie() {
    given()
        .get("/webhooks/instagram/inbox-headers")
        .then()
        .statusCode(200)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "strict-origin-when-cross-origin")
        // The public URL is http here: no HSTS.
        .header("Strict-Transport-Security", nullValue());
    Response page = given().get("/signed-out.html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy"))
        .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
    assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    assertThat(page.getDetailedCookie("tutti_csrf").getValue()).hasSizeGreaterThan(40);
    assertThat(page.getDetailedCookie("tutti_csrf").isHttpOnly()).isFalse();
    assertThat(page.getDetailedCookie("tutti_csrf").getSameSite()).isEqualTo("Strict");
  }

  @Test
  void aRepeatableRequestIsTriedAgainWhenTheServiceDroppedItOthersAreNot() {
    String get = "/api/conversations/" + UUID.randomUUID() + "/flaky";
    given()
        .header("Authorization", freshToken())
        .get(get)
        .then()
        .statusCode(200)
        .header("X-Served-By", "conversations");
    assertThat(services.get("conversations").attempts(get)).isEqualTo(2);

    String post = "/api/conversations/" + UUID.randomUUID() + "/flaky";
    given()
        .header("Authorization", freshToken())
        .contentType("application/json")
        .body("{}")
        .post(post)
        .then()
        .statusCode(502)
        .body("type", equalTo("urn:tutti:problem:bad-gateway"));
    assertThat(services.get("conversations").attempts(post)).isEqualTo(1);
  }

  @Test
  void afterRepeatedFailuresAServicesCircuitOpensAndItsRoutesAnswerAtOnce() {
    for (int i = 0; i < 2; i++) {
      given()
          .header("Authorization", freshToken())
          .get("/api/contacts/" + UUID.randomUUID())
          .then()
          .statusCode(503)
          .body("detail", containsString("cannot be reached"));
    }
    given()
        .header("Authorization", freshToken())
        .get("/api/contacts/" + UUID.randomUUID())
        .then()
        .statusCode(503)
        .header("Retry-After", not(nullValue()))
        .body("type", equalTo("urn:tutti:problem:service-unavailable"))
        .body("detail", containsString("is failing"));
    // The other services' routes are unaffected.
    given()
        .header("Authorization", freshToken())
        .get("/api/contacts/7/conversations")
        .then()
        .statusCode(200);
  }

  @Test
  void pathTraversalGets4xxAndReachesNoService() throws Exception {
    for (String target :
        new String[] {
          "/api/../../etc/passwd", "/api/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd"
        }) {
      String statusLine = raw("GET " + target + " HTTP/1.1\r\nHost: gateway\r\n\r\n");
      assertThat(statusLine).as(target).matches("HTTP/1\\.1 4\\d\\d .*");
    }
  }

  @Test
  void headerInjectionGets400OrIsNeverReflected() throws Exception {
    // A bare CR inside a header value is refused by the gateway's HTTP parser.
    assertThat(raw("GET /q/health/live HTTP/1.1\r\nHost: gateway\r\nX-Test: a\rb\r\n\r\n"))
        .matches("HTTP/1\\.1 400 .*");
    // A request id that would forge headers or log lines is replaced, not echoed.
    Response answer =
        given()
            .header("X-Request-Id", "x%0d%0aSet-Cookie:%20stolen=1")
            .get("/webhooks/instagram/inbox-injection");
    assertThat(answer.header("X-Request-Id")).doesNotContain("Set-Cookie", "%0d");
    assertThat(answer.getCookies()).doesNotContainKey("stolen");
  }

  /** Sends bytes exactly as written (no client normalises the path) and answers the status line. */
  private String raw(String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket(gateway.getHost(), gateway.getPort())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  socket.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1))
          .readLine();
    }
  }

  /** A credential no other call used, so it has a full bucket of its own. */
  private static String freshToken() {
    return "Bearer token-" + UUID.randomUUID();
  }
}
