package io.tutti.gateway.proxy;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A service overwhelmed for a while (every connection taken, clients giving up and leaving) gets
 * its connections back: once it answers again, so does the gateway, without a restart.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = true)
class PoolRecoveryTest {

  @TestHTTPResource("/")
  URI gateway;

  @Test
  void connectionsComeBackAfterClientsGaveUpOnASlowService() throws Exception {
    HttpClient impatient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    // Far more callers than connections; each waits 300 ms, well within the gateway's timeouts.
    for (int i = 0; i < FakeServices.MAX_CONNECTIONS * 6; i++) {
      String path =
          i % 2 == 0
              ? "/track/" + UUID.randomUUID() + "/slow"
              : "/api/attribution/" + UUID.randomUUID() + "/upload";
      HttpRequest.Builder request =
          HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofMillis(300));
      calls.add(
          impatient.sendAsync(
              i % 2 == 0
                  ? request.GET().build()
                  : request.POST(HttpRequest.BodyPublishers.ofString("x".repeat(10_000))).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      call.handle((answer, failure) -> null).join();
    }
    // Once the gateway's 1 s response timeout and 2 s connect timeout have passed for everything,
    // the service answers through it again, and keeps answering.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> given().when().get("/api/attribution/" + UUID.randomUUID()).statusCode() == 200);
    for (int i = 0; i < FakeServices.MAX_CONNECTIONS * 3; i++) {
      given()
          .when()
          .get("/api/attribution/" + UUID.randomUUID())
          .then()
          .statusCode(200)
          .header("X-Served-By", "attribution");
    }
  }
}
