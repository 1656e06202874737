package io.tutti.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An open socket keeps its agent online in conversations (heartbeats, here every second) and in the
 * workspace's eyes ({@code agent.presence-changed}, here offline 3 s after the last socket).
 */
@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
@QuarkusTestResource(value = LiveWorld.class, restrictToAnnotatedClass = true)
class LivePresenceTest {

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
  void anOpenSocketHeartbeatsForItsAgentUntilItCloses() {
    String acme = LiveTests.workspace("acme");
    try (LiveClient alice = ready(world.tokens.of("alice", acme, "agent"))) {
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> world.conversations.heartbeats(acme, "alice") >= 3);
    }

    assertHeartbeatsStopped(acme, "alice");
    assertThat(world.conversations.heartbeats(acme, "tom")).isZero();
  }

  @Test
  void heartbeatsGoOnWhileAnySocketOfTheAgentIsOpen() {
    String acme = LiveTests.workspace("acme");
    String token = world.tokens.of("alice", acme, "agent");
    try (LiveClient second = ready(token)) {
      ready(token).close();
      int afterFirstClosed = world.conversations.heartbeats(acme, "alice");

      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> world.conversations.heartbeats(acme, "alice") >= afterFirstClosed + 2);
      assertThat(second.isClosed()).isFalse();
    }
    assertHeartbeatsStopped(acme, "alice");
  }

  @Test
  void theWorkspaceSeesAnAgentComeOnlineAndGoOfflineAndNoOtherWorkspaceDoes() {
    String acme = LiveTests.workspace("acme");
    String globex = LiveTests.workspace("globex");
    try (LiveClient ada = ready(world.tokens.of("ada", acme, "admin"));
        LiveClient bob = ready(world.tokens.of("bob", globex, "admin"))) {
      ready(world.tokens.of("alice", acme, "agent")).close();

      await()
          .atMost(LiveClient.WAIT)
          .until(() -> presenceOf(ada, "alice"), changes -> changes.equals(List.of(true, false)));
      bob.awaitEvent(events.opened(globex, LiveTests.id(), null, null));
      assertThat(presenceOf(bob, "alice")).isEmpty();
      JsonObject online =
          ada.events().stream()
              .filter(frame -> LiveTopology.AGENT_PRESENCE_CHANGED.equals(frame.getString("type")))
              .filter(frame -> "alice".equals(frame.getJsonObject("payload").getString("agentId")))
              .findFirst()
              .orElseThrow();
      assertThat(online.getJsonObject("payload").getMap()).containsOnlyKeys("agentId", "online");
      assertThat(online.getString("id")).isNotBlank();
    }
  }

  @Test
  void aSocketReopenedWithinTheGraceAnnouncesNothing() {
    String acme = LiveTests.workspace("acme");
    String alice = world.tokens.of("alice", acme, "agent");
    try (LiveClient ada = ready(world.tokens.of("ada", acme, "admin"))) {
      ready(alice).close();
      // A page reload: the same agent is back before the grace ran out.
      ready(alice).close();

      await()
          .atMost(LiveClient.WAIT)
          .until(
              () -> presenceOf(ada, "alice"), changes -> changes.size() >= 2 && !changes.getLast());
      ada.awaitEvent(events.opened(acme, LiveTests.id(), null, null));
      assertThat(presenceOf(ada, "alice")).containsExactly(true, false);
    }
  }

  /** The count stays the same over more than two heartbeat intervals. */
  private void assertHeartbeatsStopped(String workspace, String userId) {
    AtomicInteger seen = new AtomicInteger(-1);
    await()
        .during(Duration.ofMillis(2_500))
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> seen.getAndSet(world.conversations.heartbeats(workspace, userId)) == seen.get());
  }

  /** The online flags of the user's presence events the socket got, in order. */
  private static List<Boolean> presenceOf(LiveClient socket, String userId) {
    return socket.events().stream()
        .filter(frame -> LiveTopology.AGENT_PRESENCE_CHANGED.equals(frame.getString("type")))
        .map(frame -> frame.getJsonObject("payload"))
        .filter(payload -> userId.equals(payload.getString("agentId")))
        .map(payload -> payload.getBoolean("online"))
        .toList();
  }

  private LiveClient ready(String token) {
    return LiveClient.ready(world.vertx, live, token);
  }
}
