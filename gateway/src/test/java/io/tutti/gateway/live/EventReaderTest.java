package io.tutti.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventReaderTest {

  private static final LiveUser ALICE = new LiveUser("acme", "alice", false, null);
  private static final LiveUser OSCAR = new LiveUser("acme", "oscar", false, null);

  private final EventReader reader = new EventReader(() -> 42L);

  @Test
  void aConversationEventIsSeenByWhoMaySeeTheConversation() {
    LiveEvent event =
        reader.read(
            envelope("acme", "conversation.opened", conversation("c1").put("assigneeId", "alice")));

    assertThat(event.sight()).isEqualTo(new Sight("alice", null));
    assertThat(event.frameFor(ALICE, Set.of())).isEqualTo(event.frame());
    assertThat(event.frameFor(OSCAR, Set.of())).isNull();
    assertThat(new JsonObject(event.frame()).fieldNames())
        .containsExactlyInAnyOrder("id", "type", "occurredAt", "payload");
    assertThat(event.receivedAt()).isEqualTo(42L);
  }

  @Test
  void anUpdateThatTakesAConversationAwayTellsWhoSawItBefore() {
    reader.read(
        envelope("acme", "conversation.opened", conversation("c1").put("assigneeId", "alice")));

    LiveEvent moved =
        reader.read(
            envelope(
                "acme", "conversation.updated", conversation("c1").put("assigneeId", "oscar")));

    assertThat(moved.frameFor(OSCAR, Set.of())).isEqualTo(moved.frame());
    String hidden = moved.frameFor(ALICE, Set.of());
    assertThat(new JsonObject(hidden).getString("type")).isEqualTo("conversation.hidden");
    assertThat(new JsonObject(hidden).getString("id")).isEqualTo(moved.id().toString());
    assertThat(new JsonObject(hidden).getJsonObject("payload").getMap())
        .containsExactly(java.util.Map.entry("conversationId", "c1"));
  }

  @Test
  void anUpdateThatMovesNothingHidesNothing() {
    reader.read(envelope("acme", "conversation.opened", conversation("c1").put("teamId", "t")));

    LiveEvent same =
        reader.read(
            envelope("acme", "conversation.updated", conversation("c1").put("teamId", "t")));

    assertThat(same.before()).isNull();
    assertThat(same.hiddenFrame()).isNull();
  }

  @Test
  void aReceiptFollowsTheConversationOfItsMessage() {
    reader.read(
        envelope(
            "acme",
            "conversation.message-added",
            conversation("c1").put("messageId", "m1").put("assigneeId", "alice")));

    LiveEvent receipt =
        reader.read(
            envelope(
                "acme",
                "message.status-changed",
                new JsonObject().put("messageId", "m1").put("status", "read")));

    assertThat(receipt.sight()).isEqualTo(new Sight("alice", null));
    assertThat(
            reader.read(
                envelope(
                    "acme",
                    "message.status-changed",
                    new JsonObject().put("messageId", "m2").put("status", "read"))))
        .isNull();
  }

  @Test
  void anotherWorkspacesEventNeverMovesThisOnesConversation() {
    reader.read(
        envelope("acme", "conversation.opened", conversation("c1").put("assigneeId", "alice")));

    reader.read(
        envelope("globex", "conversation.updated", conversation("c1").put("assigneeId", "bob")));
    LiveEvent update =
        reader.read(
            envelope(
                "acme", "conversation.updated", conversation("c1").put("assigneeId", "alice")));

    assertThat(update.before()).isNull();
  }

  @Test
  void presenceIsForTheWholeWorkspace() {
    LiveEvent presence =
        reader.read(
            envelope(
                "acme",
                "agent.presence-changed",
                new JsonObject().put("agentId", "alice").put("online", true)));

    assertThat(presence.frameFor(OSCAR, Set.of())).isEqualTo(presence.frame());
  }

  @Test
  void whatIsNoEventToPushIsSkipped() {
    assertThat(reader.read(Buffer.buffer("not json"))).isNull();
    assertThat(reader.read(Buffer.buffer("[1,2]"))).isNull();
    assertThat(reader.read(envelope("acme", "message.received", new JsonObject()))).isNull();
    assertThat(reader.read(envelope("acme", "conversation.opened", new JsonObject()))).isNull();
    JsonObject noId = new JsonObject(envelope("acme", "conversation.opened", conversation("c")));
    noId.remove("id");
    assertThat(reader.read(noId.toBuffer())).isNull();
    JsonObject noWorkspace =
        new JsonObject(envelope("acme", "conversation.opened", conversation("c")));
    noWorkspace.remove("workspaceId");
    assertThat(reader.read(noWorkspace.toBuffer())).isNull();
    JsonObject payloadNoObject =
        new JsonObject(envelope("acme", "conversation.opened", conversation("c")))
            .put("payload", "text");
    assertThat(reader.read(payloadNoObject.toBuffer())).isNull();
  }

  private static JsonObject conversation(String id) {
    return new JsonObject().put("conversationId", id);
  }

  private static Buffer envelope(String workspace, String type, JsonObject payload) {
    return new JsonObject()
        .put("id", EventIds.next().toString())
        .put("type", type)
        .put("version", 1)
        .put("occurredAt", "2026-12-01T10:00:00Z")
        .put("workspaceId", workspace)
        .put("source", "conversations")
        .put("payload", payload)
        .toBuffer();
  }
}
