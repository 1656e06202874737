package io.tutti.conversations.message;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Database;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventTypes;
import io.tutti.events.type.ConversationMessageAdded;
import io.tutti.events.type.ConversationOpened;
import io.tutti.events.type.ConversationUpdated;
import io.tutti.events.type.MessageReceived;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class ThreadingTest extends ServiceTest {

  @Test
  void firstMessageOpensAConversationAndTheNextJoinsIt() {
    String inbox = newInbox();
    Received customer = Received.on(inbox, "instagram").named("Ana Souza");
    String first = "mid-" + UUID.randomUUID();
    String second = "mid-" + UUID.randomUUID();

    receiveAndWait(customer.id(first).text("Hi, is the blue one in stock?").build());
    receiveAndWait(customer.id(second).text("Size M please").build());

    String conversationId = conversationOfMessage(first);
    assertThat(conversationOfMessage(second)).isEqualTo(conversationId);
    JsonPath view = conversation(conversationId);
    assertThat(view.getString("status")).isEqualTo("open");
    assertThat(view.getString("channel")).isEqualTo("instagram");
    assertThat(view.getString("inboxId")).isEqualTo(inbox);
    assertThat(view.getString("contactName")).isEqualTo("Ana Souza");
    assertThat(view.getString("lastMessagePreview")).isEqualTo("Size M please");
    assertThat(view.getInt("unreadCount")).isEqualTo(2);
    assertThat(messages(conversationId).getList("items.text"))
        .containsExactly("Hi, is the blue one in stock?", "Size M please");

    assertThat(tap.await(workspace, EventTypes.CONVERSATION_OPENED, 1))
        .extracting(e -> ((ConversationOpened) e.payload()).conversationId())
        .containsExactly(conversationId);
    assertThat(tap.await(workspace, EventTypes.CONVERSATION_MESSAGE_ADDED, 2))
        .extracting(e -> ((ConversationMessageAdded) e.payload()).preview())
        .containsExactly("Hi, is the blue one in stock?", "Size M please");
  }

  @Test
  void resolvedConversationReopensWhenTheCustomerWritesWithinTheWindow() {
    String inbox = newInbox();
    Received customer = Received.on(inbox, "whatsapp");
    String first = "wamid-" + UUID.randomUUID();
    receiveAndWait(customer.id(first).build());
    String conversationId = conversationOfMessage(first);
    setStatus(conversationId, Map.of("status", "resolved"));

    String again = "wamid-" + UUID.randomUUID();
    receiveAndWait(customer.id(again).text("One more thing").build());

    assertThat(conversationOfMessage(again)).isEqualTo(conversationId);
    assertThat(conversation(conversationId).getString("status")).isEqualTo("open");
  }

  @Test
  void customerWritingAfterTheWindowStartsANewConversation() {
    String inbox = newInbox();
    Received customer = Received.on(inbox, "whatsapp");
    String first = "wamid-" + UUID.randomUUID();
    receiveAndWait(customer.id(first).build());
    String conversationId = conversationOfMessage(first);
    setStatus(conversationId, Map.of("status", "resolved"));
    // The default window is 24 hours; the resolution happened 25 hours ago.
    Database.update(
        "update conversation set resolved_at = resolved_at - interval '25 hours' where id = ?",
        UUID.fromString(conversationId));

    String later = "wamid-" + UUID.randomUUID();
    receiveAndWait(customer.id(later).text("Hello again").build());

    String newConversation = conversationOfMessage(later);
    assertThat(newConversation).isNotEqualTo(conversationId);
    assertThat(conversation(conversationId).getString("status")).isEqualTo("resolved");
    assertThat(conversation(newConversation).getString("status")).isEqualTo("open");
  }

  @Test
  void messagesAreOrderedByWhenTheCustomerSentThemWhateverOrderTheyArrive() {
    String inbox = newInbox();
    Received customer = Received.on(inbox, "telegram");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String late = "chat:3";
    receiveAndWait(customer.id(late).text("third").at(now).build());
    receiveAndWait(customer.id("chat:1").text("first").at(now.minusSeconds(20)).build());
    receiveAndWait(customer.id("chat:2").text("second").at(now.minusSeconds(10)).build());

    String conversationId = conversationOfMessage(late);
    assertThat(messages(conversationId).getList("items.text"))
        .containsExactly("first", "second", "third");
    assertThat(conversation(conversationId).getString("lastMessagePreview")).isEqualTo("third");
  }

  @Test
  void redeliveredEventAndSamePlatformMessageUnderAnotherEventAreStoredOnce() {
    String inbox = newInbox();
    Received customer = Received.on(inbox, "messenger");
    String mid = "m_" + UUID.randomUUID();
    MessageReceived message = customer.id(mid).text("Only once").build();

    EventEnvelope first = receiveAndWait(message);
    inbound.publish(first);
    receiveAndWait(message);

    String conversationId = conversationOfMessage(mid);
    assertThat(messages(conversationId).getList("items.text")).containsExactly("Only once");
    assertThat(conversation(conversationId).getInt("unreadCount")).isEqualTo(1);
  }

  @Test
  void editReplacesTheTextOfTheEarlierMessage() {
    String inbox = newInbox();
    Received customer = Received.on(inbox, "telegram");
    String id = "chat:" + UUID.randomUUID();
    receiveAndWait(customer.id(id).text("I want the red one").build());

    receiveAndWait(customer.id(id).text("I want the blue one").kind("edit").build());

    String conversationId = conversationOfMessage(id);
    JsonPath thread = messages(conversationId);
    assertThat(thread.getList("items.text")).containsExactly("I want the blue one");
    assertThat(thread.getString("items[0].editedAt")).isNotNull();
    assertThat(conversation(conversationId).getString("lastMessagePreview"))
        .isEqualTo("I want the blue one");
    List<ConversationUpdated> updates =
        tap.await(workspace, EventTypes.CONVERSATION_UPDATED, 1).stream()
            .map(e -> (ConversationUpdated) e.payload())
            .toList();
    assertThat(updates.getFirst().changed()).containsExactly("message");
    assertThat(updates.getFirst().messages())
        .extracting(ConversationUpdated.MessageChange::text)
        .containsExactly("I want the blue one");
  }

  @Test
  void editThatOvertakesItsMessageKeepsTheEditedText() {
    String inbox = newInbox();
    Received customer = Received.on(inbox, "telegram");
    String id = "chat:" + UUID.randomUUID();

    receiveAndWait(customer.id(id).text("edited text").kind("edit").build());
    receiveAndWait(customer.id(id).text("original text").kind("message").build());

    assertThat(messages(conversationOfMessage(id)).getList("items.text"))
        .containsExactly("edited text");
  }

  @Test
  void reactionIsStoredOnTheMessageItReactsToWithoutMakingTheConversationWaitOrUnread() {
    String inbox = newInbox();
    Received customer = Received.on(inbox, "whatsapp");
    String original = "wamid-" + UUID.randomUUID();
    receiveAndWait(customer.id(original).text("Can I return it?").build());
    String conversationId = conversationOfMessage(original);
    write(conversationId, Map.of("text", "Of course, within 30 days."));
    String waitingBefore = conversation(conversationId).getString("waitingSince");

    String reaction = "wamid-" + UUID.randomUUID();
    receiveAndWait(customer.id(reaction).text("👍").kind("reaction").replyingTo(original).build());

    JsonPath thread = messages(conversationId);
    assertThat(thread.getList("items.kind")).containsExactly("message", "message", "reaction");
    assertThat(thread.getString("items[2].replyToMessageId"))
        .isEqualTo(thread.getString("items[0].id"));
    JsonPath view = conversation(conversationId);
    assertThat(view.getString("waitingSince")).isEqualTo(waitingBefore).isNull();
    assertThat(view.getInt("unreadCount")).isZero();
  }

  @Test
  void snoozedOrPendingConversationOpensWhenTheCustomerWrites() {
    String inbox = newInbox();
    Received snoozer = Received.on(inbox, "sms");
    String first = "SM" + UUID.randomUUID();
    receiveAndWait(snoozer.id(first).build());
    String snoozed = conversationOfMessage(first);
    setStatus(
        snoozed,
        Map.of("status", "snoozed", "snoozeUntil", Instant.now().plusSeconds(3600).toString()));
    Received waiter = Received.on(inbox, "sms");
    String other = "SM" + UUID.randomUUID();
    receiveAndWait(waiter.id(other).build());
    String pending = conversationOfMessage(other);
    setStatus(pending, Map.of("status", "pending"));

    receiveAndWait(snoozer.id("SM" + UUID.randomUUID()).text("Any news?").build());
    receiveAndWait(waiter.id("SM" + UUID.randomUUID()).text("Here is the photo").build());

    JsonPath woken = conversation(snoozed);
    assertThat(woken.getString("status")).isEqualTo("open");
    assertThat(woken.getString("snoozeUntil")).isNull();
    assertThat(conversation(pending).getString("status")).isEqualTo("open");
    assertThat(
            given()
                .get("/api/conversations/" + snoozed + "/activity")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.type"))
        .containsExactly("status_changed", "status_changed", "opened");
  }

  @Test
  void sameCustomerOnTwoInboxesHasTwoConversations() {
    String external = "+4915112345678";
    String one = "wamid-" + UUID.randomUUID();
    String two = "wamid-" + UUID.randomUUID();

    receiveAndWait(Received.on(newInbox(), "whatsapp").from(external).id(one).build());
    receiveAndWait(Received.on(newInbox(), "whatsapp").from(external).id(two).build());

    assertThat(conversationOfMessage(one)).isNotEqualTo(conversationOfMessage(two));
  }

  @Test
  void emailConversationTakesTheSubjectOfTheFirstEmail() {
    String inbox = newInbox();
    Received customer =
        Received.on(inbox, "email").from("ana@example.com").named("Ana").handle("ana@example.com");
    String first = "<" + UUID.randomUUID() + "@mail.example.com>";
    receiveAndWait(customer.id(first).email("Order #1042 arrived damaged", List.of()).build());
    receiveAndWait(
        customer
            .id("<" + UUID.randomUUID() + "@mail.example.com>")
            .email("Re: Order #1042 arrived damaged", List.of(first))
            .build());

    JsonPath view = conversation(conversationOfMessage(first));
    assertThat(view.getString("subject")).isEqualTo("Order #1042 arrived damaged");
    assertThat(view.getString("contactHandle")).isEqualTo("ana@example.com");
  }

  @Test
  void messageWithoutAnIdentityIsDeadLetteredAfterTheRetriesNotDropped() {
    MessageReceived nobody = Received.on(null, "instagram").from(null).build();

    EventEnvelope event = receive(nobody);

    List<String> dead = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              dead.addAll(inbound.deadLettered("conversations.message-received"));
              return dead.contains(event.id().toString());
            });
    assertThat(
            Database.single("select count(*) from processed_event where event_id = ?", event.id()))
        .isEqualTo(0L);
  }
}
