package io.tutti.gateway.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may open the socket, how many, and what the gateway counts of it. */
@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
@QuarkusTestResource(value = LiveWorld.class, restrictToAnnotatedClass = true)
class LiveHandshakeTest {

  LiveWorld.Running world;

  @TestHTTPResource("/api/live")
  URI live;

  @Test
  void aHandshakeWithoutTokenIsRefused401() {
    assertThat(LiveClient.refusal(world.vertx, live, null)).isEqualTo(401);
  }

  @Test
  void aTokenTheGatewayCannotVerifyIsRefused401() {
    assertThat(LiveClient.refusal(world.vertx, live, "expired.or.forged")).isEqualTo(401);
  }

  @Test
  void aUserWithoutAnAgentRoleIsRefused403() {
    String token = world.tokens.of("eve", LiveTests.workspace("acme"), "visitor");
    assertThat(LiveClient.refusal(world.vertx, live, token)).isEqualTo(403);
  }

  @Test
  void aTokenWithoutWorkspaceIsRefused403() {
    String token = world.tokens.of("nomad", null, "agent");
    assertThat(LiveClient.refusal(world.vertx, live, token)).isEqualTo(403);
  }

  @Test
  void aUserHoldsAtMostTheirShareOfSockets() {
    String acme = LiveTests.workspace("acme");
    String alice = world.tokens.of("alice", acme, "agent");
    List<LiveClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < LiveWorld.MAX_SOCKETS_PER_USER; i++) {
        open.add(LiveClient.ready(world.vertx, live, alice));
      }

      assertThat(LiveClient.refusal(world.vertx, live, alice)).isEqualTo(429);
      try (LiveClient tom =
          LiveClient.ready(world.vertx, live, world.tokens.of("tom", acme, "agent"))) {
        assertThat(tom.isClosed()).isFalse();
      }
      open.removeFirst().close();
      await()
          .atMost(LiveClient.WAIT)
          .untilAsserted(
              () -> {
                try (LiveClient again = LiveClient.ready(world.vertx, live, alice)) {
                  assertThat(again.isClosed()).isFalse();
                }
              });
    } finally {
      open.forEach(LiveClient::close);
    }
  }

  @Test
  void aSocketIsClosedWhenItsTokenExpires() {
    String acme = LiveTests.workspace("acme");
    String token = world.tokens.expiringIn(Duration.ofSeconds(3), "alice", acme, "agent");
    try (LiveClient alice = LiveClient.ready(world.vertx, live, token)) {
      await().atMost(LiveClient.WAIT).until(alice::isClosed);

      assertThat(alice.closeCode()).isEqualTo((short) 1008);
    }
  }

  @Test
  void theClientsOwnPingIsAnswered() {
    String acme = LiveTests.workspace("acme");
    try (LiveClient alice =
        LiveClient.ready(world.vertx, live, world.tokens.of("alice", acme, "agent"))) {
      alice.send("{\"type\":\"ping\"}");

      alice.awaitFrame(frame -> "pong".equals(frame.getString("type")));
    }
  }

  @Test
  void metricsCountOpenSocketsAndPushedEvents() {
    String acme = LiveTests.workspace("acme");
    try (TestEvents events = new TestEvents(world.vertx)) {
      LiveTests.awaitConsuming(world, live, events);
      try (LiveClient ada =
          LiveClient.ready(world.vertx, live, world.tokens.of("ada", acme, "admin"))) {
        ada.awaitEvent(events.opened(acme, LiveTests.id(), null, null));

        String metrics =
            given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
            .containsPattern("(?m)^tutti_live_sockets(\\{[^}]*\\})? [1-9]")
            .containsPattern(
                "(?m)^tutti_live_events_pushed_total\\{[^}]*type=\"conversation.opened\"[^}]*\\}"
                    + " [1-9]");
      }
    }
  }
}
