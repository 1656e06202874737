package io.tutti.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each socket gets the conversation events its user may see, by conversations' rules, and nothing
 * of another workspace.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
@QuarkusTestResource(value = LiveWorld.class, restrictToAnnotatedClass = true)
class LiveVisibilityTest {

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
  void eachSocketGetsTheConversationsItsUserMaySeeAndNoOtherWorkspacesEvents() {
    String acme = LiveTests.workspace("acme");
    String globex = LiveTests.workspace("globex");
    String support = LiveTests.id();
    String sales = LiveTests.id();
    world.conversations.teams(
        acme,
        new JsonArray()
            .add(FakeConversations.team(support, "tom"))
            .add(FakeConversations.team(sales, "zed")));
    try (LiveClient ada = ready(world.tokens.of("ada", acme, "admin"));
        LiveClient alice = ready(world.tokens.of("alice", acme, "agent"));
        LiveClient tom = ready(world.tokens.of("tom", acme, "agent"));
        LiveClient oscar = ready(world.tokens.of("oscar", acme, "sales"));
        LiveClient bob = ready(world.tokens.of("bob", globex, "admin"))) {
      String alices = LiveTests.id();
      String supports = LiveTests.id();
      String untaken = LiveTests.id();
      String zeds = LiveTests.id();
      events.opened(acme, alices, "alice", null);
      events.opened(acme, supports, null, support);
      events.opened(acme, untaken, null, null);
      events.opened(acme, zeds, "zed", sales);
      // Last, and seen by everyone of its workspace: once it arrives, all before it were decided.
      String last = LiveTests.id();
      String acmeDone = events.opened(acme, last, null, null);
      String globexDone = events.opened(globex, LiveTests.id(), null, null);
      for (LiveClient socket : List.of(ada, alice, tom, oscar)) {
        socket.awaitEvent(acmeDone);
      }
      bob.awaitEvent(globexDone);

      String opened = LiveTopology.CONVERSATION_OPENED;
      assertThat(ada.conversations(opened)).containsExactly(alices, supports, untaken, zeds, last);
      assertThat(alice.conversations(opened)).containsExactly(alices, untaken, last);
      assertThat(tom.conversations(opened)).containsExactly(supports, untaken, last);
      assertThat(oscar.conversations(opened)).containsExactly(untaken, last);
      assertThat(bob.conversationEvents())
          .hasSize(1)
          .allMatch(frame -> frame.getString("id").equals(globexDone));
    }
  }

  @Test
  void framesCarryTheEventsIdTypeTimeAndPayload() {
    String acme = LiveTests.workspace("acme");
    try (LiveClient alice = ready(world.tokens.of("alice", acme, "agent"))) {
      String conversation = LiveTests.id();
      String message = LiveTests.id();
      String id = events.messageAdded(acme, conversation, message, "alice", null);

      JsonObject frame = alice.awaitEvent(id);

      assertThat(frame.fieldNames())
          .containsExactlyInAnyOrder("id", "type", "occurredAt", "payload");
      assertThat(frame.getString("type")).isEqualTo(LiveTopology.CONVERSATION_MESSAGE_ADDED);
      assertThat(frame.getString("occurredAt")).isNotBlank();
      assertThat(frame.getJsonObject("payload").getString("messageId")).isEqualTo(message);
      assertThat(frame.getJsonObject("payload").getString("assigneeId")).isEqualTo("alice");
    }
  }

  @Test
  void whoSawAConversationBeforeItMovedAwayIsToldItIsHidden() {
    String acme = LiveTests.workspace("acme");
    try (LiveClient ada = ready(world.tokens.of("ada", acme, "admin"));
        LiveClient alice = ready(world.tokens.of("alice", acme, "agent"))) {
      String conversation = LiveTests.id();
      String opened = events.opened(acme, conversation, "alice", null);
      alice.awaitEvent(opened);

      String moved = events.updated(acme, conversation, "zed", LiveTests.id());

      JsonObject hidden = alice.awaitEvent(moved);
      assertThat(hidden.getString("type")).isEqualTo("conversation.hidden");
      assertThat(hidden.getJsonObject("payload").getMap()).containsOnlyKeys("conversationId");
      assertThat(hidden.getJsonObject("payload").getString("conversationId"))
          .isEqualTo(conversation);
      assertThat(ada.awaitEvent(moved).getString("type"))
          .isEqualTo(LiveTopology.CONVERSATION_UPDATED);
    }
  }

  @Test
  void aDeliveryReceiptGoesToWhoMaySeeTheMessagesConversation() {
    String acme = LiveTests.workspace("acme");
    try (LiveClient alice = ready(world.tokens.of("alice", acme, "agent"));
        LiveClient oscar = ready(world.tokens.of("oscar", acme, "agent"))) {
      String conversation = LiveTests.id();
      String message = LiveTests.id();
      events.messageAdded(acme, conversation, message, "alice", null);
      String unknown = events.statusChanged(acme, LiveTests.id(), "read");
      String receipt = events.statusChanged(acme, message, "delivered");
      String done = events.opened(acme, LiveTests.id(), null, null);

      JsonObject frame = alice.awaitEvent(receipt);
      oscar.awaitEvent(done);
      alice.awaitEvent(done);

      assertThat(frame.getJsonObject("payload").getString("status")).isEqualTo("delivered");
      assertThat(alice.conversationEvents())
          .noneMatch(event -> event.getString("id").equals(unknown));
      assertThat(oscar.conversationEvents())
          .extracting(event -> event.getString("type"))
          .containsExactly(LiveTopology.CONVERSATION_OPENED);
    }
  }

  @Test
  void anAgentJustAddedToANewTeamGetsItsConversationsAtOnce() {
    String acme = LiveTests.workspace("acme");
    try (LiveClient oscar = ready(world.tokens.of("oscar", acme, "agent"))) {
      String newTeam = LiveTests.id();
      world.conversations.teams(
          acme, new JsonArray().add(FakeConversations.team(newTeam, "oscar")));
      String conversation = LiveTests.id();

      String id = events.opened(acme, conversation, null, newTeam);

      assertThat(oscar.awaitEvent(id).getJsonObject("payload").getString("teamId"))
          .isEqualTo(newTeam);
    }
  }

  private LiveClient ready(String token) {
    return LiveClient.ready(world.vertx, live, token);
  }
}
