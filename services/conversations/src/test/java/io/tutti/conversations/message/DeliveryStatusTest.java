package io.tutti.conversations.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventTypes;
import io.tutti.events.type.ConversationUpdated;
import io.tutti.events.type.MessageStatusChanged;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class DeliveryStatusTest extends ServiceTest {

  private String inbox;
  private String customer;
  private String conversationId;

  @BeforeEach
  void customerWrote() {
    inbox = newInbox();
    Received message = Received.on(inbox, "messenger");
    customer = message.externalContactId();
    String mid = "m_" + UUID.randomUUID();
    receiveAndWait(message.id(mid).build());
    conversationId = conversationOfMessage(mid);
  }

  @Test
  void statusMovesForwardByOurIdAndByThePlatformsIdButNeverBack() {
    String reply = write(conversationId, Map.of("text", "Thanks!")).getString("id");
    String mid = "m_" + UUID.randomUUID();

    report(reply, mid, "sent", null, null);
    assertThat(message(reply).getString("status")).isEqualTo("sent");
    assertThat(message(reply).getString("platformMessageId")).isEqualTo(mid);
    report(null, mid, "delivered", null, null);
    assertThat(message(reply).getString("status")).isEqualTo("delivered");
    report(reply, null, "read", null, null);
    report(null, mid, "delivered", null, null);
    report(reply, mid, "sent", null, null);

    assertThat(message(reply).getString("status")).isEqualTo("read");
    List<ConversationUpdated> updates =
        tap.await(workspace, EventTypes.CONVERSATION_UPDATED, 3).stream()
            .map(e -> (ConversationUpdated) e.payload())
            .toList();
    assertThat(updates).allSatisfy(u -> assertThat(u.changed()).containsExactly("message"));
    assertThat(updates)
        .extracting(u -> u.messages().getFirst().status())
        .containsExactly("sent", "delivered", "read");
    assertThat(updates.getFirst().messages().getFirst().platformMessageId()).isEqualTo(mid);
  }

  @Test
  void watermarkMarksEveryReplySentUpToIt() {
    String first = write(conversationId, Map.of("text", "one")).getString("id");
    String second = write(conversationId, Map.of("text", "two")).getString("id");
    report(first, "m_" + UUID.randomUUID(), "sent", null, null);
    report(second, "m_" + UUID.randomUUID(), "sent", null, null);
    Instant watermark = Instant.parse(message(second).getString("sentAt"));
    String third = write(conversationId, Map.of("text", "three")).getString("id");
    report(third, "m_" + UUID.randomUUID(), "sent", null, null);

    report(null, null, "read", null, watermark);

    assertThat(message(first).getString("status")).isEqualTo("read");
    assertThat(message(second).getString("status")).isEqualTo("read");
    assertThat(message(third).getString("status")).isEqualTo("sent");
  }

  @Test
  void failureAppliesToAPendingOrSentReplyOnly() {
    String refused = write(conversationId, Map.of("text", "outside the window")).getString("id");
    String delivered = write(conversationId, Map.of("text", "arrived")).getString("id");
    String mid = "m_" + UUID.randomUUID();
    report(delivered, mid, "sent", null, null);
    report(null, mid, "delivered", null, null);

    report(
        refused,
        null,
        "failed",
        new MessageStatusChanged.Error("10", "Message sent outside allowed window"),
        null);
    report(
        delivered, null, "failed", new MessageStatusChanged.Error("131026", "Undeliverable"), null);
    // A watermark covers every reply sent before it, but never one that did not go out.
    report(null, null, "read", null, Instant.now().plusSeconds(60));

    JsonPath failed = message(refused);
    assertThat(failed.getString("status")).isEqualTo("failed");
    assertThat(failed.getString("error.code")).isEqualTo("10");
    assertThat(failed.getString("error.message")).isEqualTo("Message sent outside allowed window");
    JsonPath arrived = message(delivered);
    assertThat(arrived.getString("status")).isEqualTo("read");
    assertThat(arrived.getString("error")).isNull();
  }

  @Test
  void failedReplyThatConnectorsSendsAfterAllMovesOn() {
    String reply = write(conversationId, Map.of("text", "retry me")).getString("id");
    report(reply, null, "failed", new MessageStatusChanged.Error("503", "Unavailable"), null);
    assertThat(message(reply).getString("status")).isEqualTo("failed");

    // An admin replayed the dead letter and the platform took it.
    String mid = "m_" + UUID.randomUUID();
    report(reply, mid, "sent", null, null);

    JsonPath view = message(reply);
    assertThat(view.getString("status")).isEqualTo("sent");
    assertThat(view.getString("error")).isNull();
    assertThat(view.getString("platformMessageId")).isEqualTo(mid);
  }

  @Test
  void receiptThatOvertookItsSentStatusIsAppliedOnceThePlatformIdIsKnown() {
    String reply = write(conversationId, Map.of("text", "Here you go")).getString("id");
    String mid = "m_" + UUID.randomUUID();

    report(null, mid, "delivered", null, null);
    assertThat(message(reply).getString("status")).isEqualTo("pending");
    report(reply, mid, "sent", null, null);

    JsonPath view = message(reply);
    assertThat(view.getString("status")).isEqualTo("delivered");
    assertThat(view.getString("platformMessageId")).isEqualTo(mid);
  }

  @Test
  void redeliveredReceiptChangesNothingTwice() {
    String reply = write(conversationId, Map.of("text", "Once")).getString("id");
    EventEnvelope sent = report(reply, "m_" + UUID.randomUUID(), "sent", null, null);

    inbound.publish(sent);
    awaitHandled(sent, "conversations.message-status");
    report(reply, null, "delivered", null, null);

    assertThat(tap.await(workspace, EventTypes.CONVERSATION_UPDATED, 2))
        .extracting(e -> ((ConversationUpdated) e.payload()).messages().getFirst().status())
        .containsExactly("sent", "delivered");
  }

  /** Publishes a receipt as connectors would and waits until it was handled. */
  private EventEnvelope report(
      String messageId,
      String platformMessageId,
      String status,
      MessageStatusChanged.Error error,
      Instant watermark) {
    EventEnvelope event =
        inbound.publish(
            "connectors",
            workspace,
            new MessageStatusChanged(
                inbox,
                "messenger",
                messageId,
                platformMessageId,
                status,
                error,
                Instant.now(),
                customer,
                watermark));
    awaitHandled(event, "conversations.message-status");
    return event;
  }

  private JsonPath message(String messageId) {
    JsonPath thread = messages(conversationId);
    List<Map<String, Object>> items = thread.getList("items");
    for (int i = 0; i < items.size(); i++) {
      if (messageId.equals(items.get(i).get("id"))) {
        return JsonPath.from(thread.prettify()).setRootPath("items[" + i + "]");
      }
    }
    throw new AssertionError("no message " + messageId + " in " + conversationId);
  }
}
