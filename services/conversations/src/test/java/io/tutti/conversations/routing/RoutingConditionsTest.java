package io.tutti.conversations.routing;

import static io.restassured.RestAssured.given;
import static io.tutti.conversations.routing.Rules.condition;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Database;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.events.EventEnvelope;
import io.tutti.events.EventPayload;
import io.tutti.events.UuidV7;
import io.tutti.events.type.ContactErased;
import io.tutti.events.type.ContactResolved;
import io.tutti.events.type.ContactStageChanged;
import io.tutti.events.type.ContactUpdated;
import io.tutti.events.type.Referral;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each condition field and operator, on messages that arrive as connectors send them. */
@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class RoutingConditionsTest extends ServiceTest {

  @Test
  void channelAndInboxPickTheirConversations() {
    String inbox = newInbox();
    Rules.labelWhen("ig", List.of(condition("channel", "equals", "instagram")));
    Rules.labelWhen("not-sms", List.of(condition("channel", "not_equals", "sms")));
    Rules.labelWhen("chat", List.of(condition("channel", "in", List.of("telegram", "web"))));
    Rules.labelWhen("this-inbox", List.of(condition("inbox", "equals", inbox)));

    assertThat(labelsOf(Received.on(inbox, "instagram")))
        .containsExactlyInAnyOrder("ig", "not-sms", "this-inbox");
    assertThat(labelsOf(Received.on(newInbox(), "sms"))).isEmpty();
    assertThat(labelsOf(Received.on(newInbox(), "web")))
        .containsExactlyInAnyOrder("not-sms", "chat");
  }

  @Test
  void textMatchesWhateverWidthAndCaseTheCustomerTypedIn() {
    Rules.labelWhen("price", List.of(condition("message.text", "contains", "price")));
    Rules.labelWhen("no-refund", List.of(condition("message.text", "not_contains", "refund")));
    Rules.labelWhen(
        "order-number", List.of(condition("message.text", "matches", "order\\s*#?\\d{4,}")));
    Rules.labelWhen(
        "buying", List.of(condition("message.text", "in", List.of("buy", "購入", "Kaufen"))));
    Rules.labelWhen("hi-only", List.of(condition("message.text", "equals", "HI")));

    assertThat(labelsOf(Received.on(newInbox(), "instagram").text("What is the ＰＲＩＣＥ?")))
        .containsExactlyInAnyOrder("price", "no-refund");
    assertThat(labelsOf(Received.on(newInbox(), "whatsapp").text("Refund for ORDER #１２３４５ please")))
        .containsExactly("order-number");
    assertThat(labelsOf(Received.on(newInbox(), "telegram").text("この商品を購入したいです")))
        .containsExactlyInAnyOrder("buying", "no-refund");
    assertThat(labelsOf(Received.on(newInbox(), "email").text("Ich möchte KAUFEN")))
        .containsExactlyInAnyOrder("buying", "no-refund");
    assertThat(labelsOf(Received.on(newInbox(), "sms").text("ｈｉ")))
        .containsExactlyInAnyOrder("hi-only", "no-refund");
  }

  @Test
  void languageIsToldByScriptFirstThenByItsWords() {
    Rules.labelWhen("ja", List.of(condition("message.language", "equals", "ja")));
    Rules.labelWhen("en", List.of(condition("message.language", "equals", "en")));
    Rules.labelWhen("unknown", List.of(condition("message.language", "equals", "und")));

    assertThat(labelsOf(Received.on(newInbox(), "telegram").text("価格を教えてください")))
        .containsExactly("ja");
    assertThat(
            labelsOf(
                Received.on(newInbox(), "instagram")
                    .text("Hello, I would like to know the price of the blue jacket")))
        .containsExactly("en");
    assertThat(labelsOf(Received.on(newInbox(), "instagram").text("ok")))
        .containsExactly("unknown");
  }

  @Test
  void contactStageAndAttributesComeFromProfiles() {
    String inbox = newInbox();
    String external = "ig-" + UUID.randomUUID();
    String contact = "contact-" + UUID.randomUUID();
    fromProfiles(new ContactResolved(contact, "instagram", external, inbox, true, null));
    fromProfiles(
        new ContactUpdated(
            contact, "Ana", List.of(), List.of(), "lead", Map.of("plan", "pro", "seats", 12)));
    fromProfiles(new ContactStageChanged(contact, "lead", "qualified", "sam", null, Instant.now()));
    // An update that profiles sent before the stage change, delivered late, changes no stage.
    ContactUpdated older =
        new ContactUpdated(
            contact, "Ana", List.of(), List.of(), "lead", Map.of("plan", "pro", "seats", 12));
    UUID lateId = UuidV7.next();
    EventEnvelope late =
        new EventEnvelope(
            lateId,
            older.type(),
            older.version(),
            Instant.now().minus(Duration.ofMinutes(5)),
            workspace,
            "profiles",
            lateId.toString(),
            older);
    inbound.publish(late);
    awaitHandled(late, "conversations.contacts");

    Rules.labelWhen("qualified", List.of(condition("contact.stage", "equals", "qualified")));
    Rules.labelWhen("staged", List.of(condition("contact.stage", "present")));
    Rules.labelWhen("pro", List.of(condition("contact.attribute.plan", "equals", "PRO")));
    Rules.labelWhen("big", List.of(condition("contact.attribute.seats", "gt", 10)));
    Rules.labelWhen("no-region", List.of(condition("contact.attribute.region", "absent")));

    assertThat(labelsOf(Received.on(inbox, "instagram").from(external)))
        .containsExactlyInAnyOrder("qualified", "staged", "pro", "big", "no-region");
    assertThat(labelsOf(Received.on(newInbox(), "instagram"))).containsExactly("no-region");

    fromProfiles(new ContactErased(contact, "ada", List.of("instagram:" + external)));
    assertThat(
            ((Number)
                    Database.single(
                        "select count(*) from contact_profile where workspace_id = ? and"
                            + " contact_id = ?",
                        workspace,
                        contact))
                .longValue())
        .isZero();
  }

  @Test
  void referralOfTheAdThatBroughtTheCustomer() {
    Rules.labelWhen("ads", List.of(condition("referral.source", "equals", "ads")));
    Rules.labelWhen("ad-42", List.of(condition("referral.adId", "equals", "ad-42")));
    Rules.labelWhen("spring", List.of(condition("referral.campaign", "contains", "spring")));
    Rules.labelWhen("organic", List.of(condition("referral.source", "absent")));

    assertThat(
            labelsOf(
                Received.on(newInbox(), "messenger")
                    .referral(new Referral("ADS", "ad-42", "Spring sale 2026", null, null))))
        .containsExactlyInAnyOrder("ads", "ad-42", "spring");
    assertThat(labelsOf(Received.on(newInbox(), "messenger"))).containsExactly("organic");
  }

  @Test
  void firstMessageIsTheContactsFirstConversationAnywhere() {
    Rules.labelWhen("new-face", List.of(condition("contact.first_message", "equals", true)));
    Rules.labelWhen("returning", List.of(condition("contact.first_message", "equals", "false")));
    String customer = "email-" + UUID.randomUUID() + "@example.com";

    assertThat(labelsOf(Received.on(newInbox(), "email").from(customer)))
        .containsExactly("new-face");
    assertThat(labelsOf(Received.on(newInbox(), "email").from(customer)))
        .containsExactly("returning");
  }

  @Test
  void waitingMinutesCountFromTheOldestUnansweredMessage() {
    Rules.labelWhen(
        "long-wait",
        "message_received",
        List.of(condition("conversation.waiting_minutes", ">", 60)));
    Rules.labelWhen(
        "fresh", "message_received", List.of(condition("conversation.waiting_minutes", "<", 5)));

    assertThat(
            labelsOf(
                Received.on(newInbox(), "sms").at(Instant.now().minus(Duration.ofMinutes(90)))))
        .containsExactly("long-wait");
    assertThat(labelsOf(Received.on(newInbox(), "sms"))).containsExactly("fresh");
  }

  @Test
  void labelsPriorityAndWhatChangedOnAnAgentsUpdate() {
    // First: the labels the rules after it add would be there for it to see.
    Rules.labelWhen("unlabelled", "conversation_updated", List.of(condition("label", "absent")));
    Rules.labelWhen(
        "vip-seen", "conversation_updated", List.of(condition("label", "present", "vip")));
    Rules.labelWhen(
        "escalated", "conversation_updated", List.of(condition("priority", "gt", "medium")));
    Rules.labelWhen("open", "conversation_updated", List.of(condition("status", "equals", "open")));
    Rules.labelWhen(
        "priority-moved",
        "conversation_updated",
        List.of(condition("conversation.changed", "equals", "priority")));
    String mid = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(newInbox(), "whatsapp").id(mid).build());
    String id = conversationOfMessage(mid);

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("priority", "urgent"))
        .put("/api/conversations/" + id + "/priority")
        .then()
        .statusCode(200);
    assertThat(conversation(id).getList("labels", String.class))
        .containsExactlyInAnyOrder("unlabelled", "escalated", "open", "priority-moved");

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("labels", List.of("VIP")))
        .put("/api/conversations/" + id + "/labels")
        .then()
        .statusCode(200);
    assertThat(conversation(id).getList("labels", String.class))
        .containsExactlyInAnyOrder("vip", "vip-seen", "escalated", "open");
  }

  @Test
  void allNeedsEveryConditionAndAnyNeedsOne() {
    List<Map<String, Object>> both =
        List.of(
            condition("channel", "equals", "instagram"),
            condition("message.text", "contains", "price"));
    Rules.labelWhen("all", both);
    Map<String, Object> any =
        Rules.rule("any", "conversation_opened", both, List.of(Rules.label("any")));
    any.put("match", "any");
    Rules.create(any);

    assertThat(labelsOf(Received.on(newInbox(), "instagram").text("price?")))
        .containsExactlyInAnyOrder("all", "any");
    assertThat(labelsOf(Received.on(newInbox(), "instagram").text("hello"))).containsExactly("any");
    assertThat(labelsOf(Received.on(newInbox(), "sms").text("hello"))).isEmpty();
  }

  @Test
  void aPatternThatBacktracksForeverElsewhereAnswersAtOnce() {
    Rules.labelWhen("evil", List.of(condition("message.text", "matches", "^(a+)+$")));
    // Within the text examined (10,000 characters), so the '!' is seen and the pattern fails.
    String attack = "a".repeat(9_000) + "!";

    long started = System.nanoTime();
    List<String> labels = labelsOf(Received.on(newInbox(), "web").text(attack));

    assertThat(labels).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(labelsOf(Received.on(newInbox(), "web").text("aaaa"))).containsExactly("evil");
  }

  private List<String> labelsOf(Received message) {
    String mid = "mid-" + UUID.randomUUID();
    receiveAndWait(message.id(mid).build());
    return conversation(conversationOfMessage(mid)).getList("labels", String.class);
  }

  private void fromProfiles(EventPayload payload) {
    EventEnvelope event = inbound.publish("profiles", workspace, payload);
    awaitHandled(event, "conversations.contacts");
  }
}
