package io.tutti.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A socket that reconnects with {@code lastEventId} gets what it missed, or is told to reload. */
@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
@QuarkusTestResource(value = LiveWorld.class, restrictToAnnotatedClass = true)
class LiveReplayTest {

  LiveWorld.Running world;

  @TestHTTPResource("/api/live")
  URI live;

  private TestEvents events;

  @BeforeEach
  void brokerReady() {
    events = new TestEvents(world.vertx);
    LiveTests.awaitConsuming(world, live, events);
  }

  @AfterEach
  void close() {
    events.close();
  }

  @Test
  void aReconnectingSocketGetsTheEventsItMissedThatItsUserMaySee() {
    String acme = LiveTests.workspace("acme");
    String alice = world.tokens.of("alice", acme, "agent");
    try (LiveClient ada = ready(world.tokens.of("ada", acme, "admin"), null)) {
      String seen;
      try (LiveClient first = ready(alice, null)) {
        seen = events.opened(acme, LiveTests.id(), "alice", null);
        first.awaitEvent(seen);
      }
      String mine = LiveTests.id();
      String others = LiveTests.id();
      String untaken = LiveTests.id();
      events.messageAdded(acme, mine, LiveTests.id(), "alice", null);
      events.opened(acme, others, "zed", LiveTests.id());
      String last = events.opened(acme, untaken, null, null);
      ada.awaitEvent(last);

      try (LiveClient again = ready(alice, seen)) {
        assertThat(again.conversationEvents())
            .extracting(frame -> frame.getJsonObject("payload").getString("conversationId"))
            .containsExactly(mine, untaken);
        assertThat(again.types().getLast()).isEqualTo("ready");

        String next = events.opened(acme, LiveTests.id(), "alice", null);
        again.awaitEvent(next);
      }
    }
  }

  @Test
  void aLastEventIdOlderThanTheBufferGetsARefresh() {
    String acme = LiveTests.workspace("acme");
    String token = world.tokens.of("ada", acme, "admin");
    try (LiveClient ada = ready(token, null)) {
      String old = events.opened(acme, LiveTests.id(), null, null);
      ada.awaitEvent(old);
      String last = null;
      for (int i = 0; i < LiveWorld.REPLAY_SIZE; i++) {
        last = events.opened(acme, LiveTests.id(), null, null);
      }
      ada.awaitEvent(last);

      try (LiveClient again = ready(token, old)) {
        assertThat(again.types()).containsExactly("refresh", "ready");
      }
    }
  }

  @Test
  void aReplayTooBigForTheSendBufferIsARefresh() {
    String acme = LiveTests.workspace("acme");
    String token = world.tokens.of("ada", acme, "admin");
    try (LiveClient ada = ready(token, null)) {
      String seen = events.opened(acme, LiveTests.id(), null, null);
      ada.awaitEvent(seen);
      // Four messages of 150,000 characters: more than half of the 1M send buffer.
      String last = null;
      for (int i = 0; i < LiveWorld.REPLAY_SIZE - 1; i++) {
        last =
            events.publish(
                acme,
                LiveTopology.CONVERSATION_MESSAGE_ADDED,
                new JsonObject()
                    .put("conversationId", LiveTests.id())
                    .put("preview", "x".repeat(150_000)));
      }
      ada.awaitEvent(last);

      try (LiveClient again = ready(token, seen)) {
        assertThat(again.types()).containsExactly("refresh", "ready");
        assertThat(again.isClosed()).isFalse();
      }
    }
  }

  @Test
  void anIdThisGatewayNeverSawGetsARefresh() {
    String acme = LiveTests.workspace("acme");
    try (LiveClient ada =
        ready(world.tokens.of("ada", acme, "admin"), "01a23583-8e84-7000-903e-fc7b2b7c6ace")) {
      assertThat(ada.types()).containsExactly("refresh", "ready");
    }
  }

  @Test
  void anIdThatIsNoUuidGetsARefresh() {
    String acme = LiveTests.workspace("acme");
    try (LiveClient ada = ready(world.tokens.of("ada", acme, "admin"), "yesterday")) {
      assertThat(ada.types()).containsExactly("refresh", "ready");
    }
  }

  @Test
  void theLatestIdResumesWithNothingToReplay() {
    String acme = LiveTests.workspace("acme");
    String token = world.tokens.of("ada", acme, "admin");
    try (LiveClient ada = ready(token, null)) {
      String latest = events.opened(acme, LiveTests.id(), null, null);
      JsonObject frame = ada.awaitEvent(latest);

      try (LiveClient again = ready(token, frame.getString("id"))) {
        assertThat(again.types()).containsExactly("ready");
      }
    }
  }

  @Test
  void aFreshSocketMissesNothingThatArrivedWhileItsTeamsWereRead() {
    String acme = LiveTests.workspace("acme");
    world.conversations.delayTeams(acme, java.time.Duration.ofSeconds(2));
    try (LiveClient ada = ready(world.tokens.of("ada", acme, "admin"), null)) {
      int readsBefore = world.conversations.teamReads(acme);
      LiveClient alice =
          LiveClient.open(world.vertx, live, world.tokens.of("alice", acme, "agent"), null);
      try (alice) {
        // The gateway has alice's socket and is reading her teams: what arrives now is hers.
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(5))
            .until(() -> world.conversations.teamReads(acme) > readsBefore);
        String meanwhile = events.opened(acme, LiveTests.id(), "alice", null);
        ada.awaitEvent(meanwhile);

        alice.awaitFrame(frame -> "ready".equals(frame.getString("type")));
        assertThat(alice.conversationEvents())
            .extracting(frame -> frame.getString("id"))
            .containsExactly(meanwhile);
      }
    }
  }

  private LiveClient ready(String token, String lastEventId) {
    return LiveClient.ready(world.vertx, live, token, lastEventId);
  }
}
