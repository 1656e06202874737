package io.tutti.conversations.message;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.events.EventTypes;
import io.tutti.events.type.ConversationMessageAdded;
import io.tutti.events.type.OutboundRequested;
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
class ReplyTest extends ServiceTest {

  @Test
  void replyOnWhatsAppIsStoredPendingAndRequestedFromConnectorsForTheCustomer() {
    String inbox = newInbox();
    String wamid = "wamid-" + UUID.randomUUID();
    receiveAndWait(Received.on(inbox, "whatsapp").from("4915112345678").id(wamid).build());
    String conversationId = conversationOfMessage(wamid);

    String body =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("text", "Your order ships today."))
            .when()
            .post("/api/conversations/" + conversationId + "/messages")
            .then()
            .statusCode(202)
            .body("conversationId", equalTo(conversationId))
            .body("direction", equalTo("out"))
            .body("senderId", equalTo("ada"))
            .body("private", equalTo(false))
            .body("text", equalTo("Your order ships today."))
            .body("attachments", equalTo(List.of()))
            .body("status", equalTo("pending"))
            .body("error", nullValue())
            .body("platformMessageId", nullValue())
            .extract()
            .asString();
    JsonPath reply = JsonPath.from(body);
    assertThat(reply.getString("sentAt")).isNotNull();
    assertThat(reply.getString("createdAt")).isNotNull();

    OutboundRequested outbound =
        (OutboundRequested)
            tap.await(workspace, EventTypes.OUTBOUND_REQUESTED, 1).getFirst().payload();
    assertThat(outbound.messageId()).isEqualTo(reply.getString("id"));
    assertThat(outbound.conversationId()).isEqualTo(conversationId);
    assertThat(outbound.inboxId()).isEqualTo(inbox);
    assertThat(outbound.channel()).isEqualTo("whatsapp");
    assertThat(outbound.externalContactId()).isEqualTo("4915112345678");
    assertThat(outbound.text()).isEqualTo("Your order ships today.");
    assertThat(outbound.replyToPlatformMessageId()).isNull();
    assertThat(outbound.subject()).isNull();
    assertThat(outbound.authorName()).isEqualTo("Agent ada");
    List<ConversationMessageAdded> added =
        tap.await(workspace, EventTypes.CONVERSATION_MESSAGE_ADDED, 2).stream()
            .map(e -> (ConversationMessageAdded) e.payload())
            .toList();
    assertThat(added).extracting(ConversationMessageAdded::direction).containsExactly("in", "out");
    assertThat(added.getLast().senderId()).isEqualTo("ada");
    assertThat(added.getLast().status()).isEqualTo("pending");
    assertThat(messages(conversationId).getList("items.direction")).containsExactly("in", "out");
  }

  @Test
  void replyToAPickedMessageQuotesItsPlatformId() {
    String inbox = newInbox();
    Received customer = Received.on(inbox, "telegram");
    String first = "chat:" + UUID.randomUUID();
    receiveAndWait(customer.id(first).text("Which sizes?").build());
    receiveAndWait(customer.id("chat:" + UUID.randomUUID()).text("And colours?").build());
    String conversationId = conversationOfMessage(first);
    String firstId = messages(conversationId).getString("items[0].id");

    JsonPath reply =
        write(conversationId, Map.of("text", "S, M and L.", "replyToMessageId", firstId));

    assertThat(reply.getString("replyToMessageId")).isEqualTo(firstId);
    OutboundRequested outbound =
        (OutboundRequested)
            tap.await(workspace, EventTypes.OUTBOUND_REQUESTED, 1).getFirst().payload();
    assertThat(outbound.replyToPlatformMessageId()).isEqualTo(first);
    assertThat(outbound.channel()).isEqualTo("telegram");
  }

  @Test
  void emailReplyThreadsOnTheLatestEmailOrTheOneTheAgentPicked() {
    String inbox = newInbox();
    Received customer = Received.on(inbox, "email").from("ana@example.com");
    String first = "<a-" + UUID.randomUUID() + "@mail.example.com>";
    String second = "<b-" + UUID.randomUUID() + "@mail.example.com>";
    receiveAndWait(customer.id(first).email("Broken zipper", List.of()).text("It broke.").build());
    receiveAndWait(
        customer
            .id(second)
            .email("Re: Broken zipper", List.of(first))
            .text("Photo attached.")
            .build());
    String conversationId = conversationOfMessage(first);
    String firstId = messages(conversationId).getString("items[0].id");

    write(conversationId, Map.of("text", "Sorry about that, a new one is on its way."));
    write(conversationId, Map.of("text", "About your first email:", "replyToMessageId", firstId));

    List<OutboundRequested> outbound =
        tap.await(workspace, EventTypes.OUTBOUND_REQUESTED, 2).stream()
            .map(e -> (OutboundRequested) e.payload())
            .toList();
    assertThat(outbound.get(0).channel()).isEqualTo("email");
    assertThat(outbound.get(0).externalContactId()).isEqualTo("ana@example.com");
    assertThat(outbound.get(0).subject()).isEqualTo("Broken zipper");
    assertThat(outbound.get(0).replyToPlatformMessageId()).isEqualTo(second);
    assertThat(outbound.get(0).references()).containsExactly(first, second);
    assertThat(outbound.get(1).subject()).isEqualTo("Broken zipper");
    assertThat(outbound.get(1).replyToPlatformMessageId()).isEqualTo(first);
    assertThat(outbound.get(1).references()).containsExactly(first);
  }

  @Test
  void privateNoteIsStoredWithoutDeliveryAndNeverSent() {
    String inbox = newInbox();
    String mid = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(inbox, "instagram").id(mid).text("Is it vegan?").build());
    String conversationId = conversationOfMessage(mid);

    JsonPath note =
        write(conversationId, Map.of("text", "Check with the supplier first", "private", true));
    write(conversationId, Map.of("text", "Yes, it is vegan."));

    assertThat(note.getBoolean("private")).isTrue();
    assertThat(note.getString("kind")).isEqualTo("note");
    assertThat(note.getString("status")).isNull();
    List<OutboundRequested> outbound =
        tap.await(workspace, EventTypes.OUTBOUND_REQUESTED, 1).stream()
            .map(e -> (OutboundRequested) e.payload())
            .toList();
    // The relay publishes in commit order: once the later reply is out, the note would be too.
    assertThat(outbound).extracting(OutboundRequested::text).containsExactly("Yes, it is vegan.");
    assertThat(tap.await(workspace, EventTypes.CONVERSATION_MESSAGE_ADDED, 3))
        .extracting(e -> ((ConversationMessageAdded) e.payload()).isPrivate())
        .containsExactly(false, true, false);
    JsonPath thread = messages(conversationId);
    assertThat(thread.getList("items.private")).containsExactly(false, true, false);
    assertThat(conversation(conversationId).getString("lastMessagePreview"))
        .isEqualTo("Yes, it is vegan.");
  }

  @Test
  void replyAnswersTheWaitingCustomerAndCountsAsRead() {
    String inbox = newInbox();
    String mid = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(inbox, "messenger").id(mid).build());
    String conversationId = conversationOfMessage(mid);
    assertThat(conversation(conversationId).getString("waitingSince")).isNotNull();

    write(conversationId, Map.of("text", "Hi! How can I help?"));

    JsonPath view = conversation(conversationId);
    assertThat(view.getString("waitingSince")).isNull();
    assertThat(view.getString("firstReplyAt")).isNotNull();
    assertThat(view.getInt("unreadCount")).isZero();
  }

  @Test
  void whatsAppTemplateIsSentAndOnlyOnWhatsApp() {
    String wamid = "wamid-" + UUID.randomUUID();
    receiveAndWait(Received.on(newInbox(), "whatsapp").id(wamid).build());
    String whatsapp = conversationOfMessage(wamid);
    String mid = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(newInbox(), "instagram").id(mid).build());
    String instagram = conversationOfMessage(mid);
    Map<String, Object> template =
        Map.of("name", "order_update", "language", "en_US", "parameters", List.of("Ana", "#1042"));

    JsonPath sent = write(whatsapp, Map.of("template", template));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("template", template))
        .post("/api/conversations/" + instagram + "/messages")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("template"));

    assertThat(sent.getString("template.name")).isEqualTo("order_update");
    OutboundRequested outbound =
        (OutboundRequested)
            tap.await(workspace, EventTypes.OUTBOUND_REQUESTED, 1).getFirst().payload();
    assertThat(outbound.template())
        .isEqualTo(
            new OutboundRequested.Template("order_update", "en_US", List.of("Ana", "#1042")));
    assertThat(conversation(whatsapp).getString("lastMessagePreview"))
        .isEqualTo("[template order_update]");
  }

  @Test
  void emptyReplyIsRefusedUnlessItCarriesAFile() {
    String mid = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(newInbox(), "instagram").id(mid).build());
    String conversationId = conversationOfMessage(mid);

    for (Map<String, ?> empty : List.of(Map.of("text", "  "), Map.of("private", false))) {
      given()
          .contentType(ContentType.JSON)
          .body(empty)
          .post("/api/conversations/" + conversationId + "/messages")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("text"));
    }
    JsonPath photo =
        write(
            conversationId,
            Map.of(
                "attachments",
                List.of(Map.of("type", "image", "url", "https://cdn.example.com/size-chart.png"))));
    assertThat(photo.getString("attachments[0].url"))
        .isEqualTo("https://cdn.example.com/size-chart.png");
    assertThat(messages(conversationId).getList("items.direction")).containsExactly("in", "out");
  }

  @Test
  void replyToAMessageOfAnotherConversationOrABadFileIsRefused() {
    String mid = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(newInbox(), "instagram").id(mid).build());
    String conversationId = conversationOfMessage(mid);

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("text", "Hi", "replyToMessageId", UUID.randomUUID().toString()))
        .post("/api/conversations/" + conversationId + "/messages")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("replyToMessageId"));
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "text",
                "Hi",
                "attachments",
                List.of(Map.of("type", "image", "url", "file:///etc/passwd"))))
        .post("/api/conversations/" + conversationId + "/messages")
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tutti:problem:validation"))
        .body("errors.field", hasItem("attachments[0].url"));
    assertThat(messages(conversationId).getList("items.direction")).containsExactly("in");
  }
}
