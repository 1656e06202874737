package io.tutti.conversations.contact;

import static io.restassured.RestAssured.given;
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
import io.tutti.events.EventPayload;
import io.tutti.events.EventTypes;
import io.tutti.events.type.ContactMerged;
import io.tutti.events.type.ContactResolved;
import io.tutti.events.type.ContactUnmerged;
import io.tutti.events.type.ConversationUpdated;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class ContactLinkTest extends ServiceTest {

  private final String instagramInbox = newInbox();
  private final String whatsappInbox = newInbox();

  @Test
  void resolvedContactIsStampedOnTheIdentitysConversationsNowAndLater() {
    String ig = "1784" + UUID.randomUUID();
    String dm = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(instagramInbox, "instagram").from(ig).id(dm).build());
    String contact = "contact-" + UUID.randomUUID();
    String wa = "49151" + UUID.randomUUID();

    fromProfiles(new ContactResolved(contact, "instagram", ig, instagramInbox, true, null));
    fromProfiles(new ContactResolved(contact, "whatsapp", wa, whatsappInbox, false, null));
    String wamid = "wamid-" + UUID.randomUUID();
    receiveAndWait(Received.on(whatsappInbox, "whatsapp").from(wa).id(wamid).build());

    String instagram = conversationOfMessage(dm);
    assertThat(conversation(instagram).getString("contactId")).isEqualTo(contact);
    assertThat(conversation(conversationOfMessage(wamid)).getString("contactId"))
        .isEqualTo(contact);
    ConversationUpdated stamped =
        (ConversationUpdated)
            tap.await(workspace, EventTypes.CONVERSATION_UPDATED, 1).getFirst().payload();
    assertThat(stamped.conversationId()).isEqualTo(instagram);
    assertThat(stamped.changed()).containsExactly("contact");
    assertThat(messages(instagram).getString("items[0].senderId")).isEqualTo(contact);
  }

  @Test
  void contactResolvedAtTheSameTimeAsTheFirstMessageStillReachesItsConversation() {
    // Profiles answers a first message within milliseconds, so the two events are handled at
    // once; whichever commits first, the conversation ends up with the contact.
    List<String[]> customers = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String wa = "49152" + UUID.randomUUID();
      String wamid = "wamid-" + UUID.randomUUID();
      String contact = "contact-" + UUID.randomUUID();
      inbound.publish(
          "connectors",
          workspace,
          Received.on(whatsappInbox, "whatsapp").from(wa).id(wamid).build());
      inbound.publish(
          "profiles",
          workspace,
          new ContactResolved(contact, "whatsapp", wa, whatsappInbox, true, null));
      customers.add(new String[] {wamid, contact});
    }

    for (String[] customer : customers) {
      String conversation = conversationOfMessage(customer[0]);
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(conversation(conversation).getString("contactId"))
                      .isEqualTo(customer[1]));
    }
  }

  @Test
  void contactsHistorySpansEveryChannelAndTheConversationShowsTheOthers() {
    String contact = "contact-" + UUID.randomUUID();
    String instagram = conversationOf(contact, instagramInbox, "instagram", "Last week's DM");
    String whatsapp = conversationOf(contact, whatsappInbox, "whatsapp", "Today's message");

    JsonPath history = contactConversations(contact);
    assertThat(history.getList("items.id")).containsExactlyInAnyOrder(instagram, whatsapp);
    assertThat(history.getList("items.channel")).containsExactlyInAnyOrder("instagram", "whatsapp");
    JsonPath view = conversation(whatsapp);
    assertThat(view.getList("otherConversations.id")).containsExactly(instagram);
    assertThat(view.getString("otherConversations[0].lastMessagePreview"))
        .isEqualTo("Last week's DM");
  }

  @Test
  void contactsHistoryCarriesEachConversationsLatestThreeMessagesNewestFirstNotesMarked() {
    String contact = "contact-" + UUID.randomUUID();
    String ig = "1784" + UUID.randomUUID();
    String instagram = conversationOf(contact, instagramInbox, "instagram", ig, "Where is it?");
    write(instagram, java.util.Map.of("text", "It ships today."));
    write(instagram, java.util.Map.of("text", "Customer asked twice", "private", true));
    String longText = "Still nothing. ".repeat(40);
    receiveAndWait(
        Received.on(instagramInbox, "instagram")
            .from(ig)
            .id("mid-" + UUID.randomUUID())
            .text(longText)
            .attachment("image", "https://cdn.example/photo.jpg")
            .build());
    String whatsapp = conversationOf(contact, whatsappInbox, "whatsapp", "Hello on WhatsApp");

    JsonPath history = contactConversations(contact);

    assertThat(history.getList("items.id")).containsExactly(whatsapp, instagram);
    assertThat(history.getList("items[0].recentMessages.text"))
        .containsExactly("Hello on WhatsApp");
    assertThat(history.getList("items[1].recentMessages.text"))
        .containsExactly(
            longText.substring(0, 499) + "…", "Customer asked twice", "It ships today.");
    assertThat(history.getList("items[1].recentMessages.direction"))
        .containsExactly("in", "out", "out");
    assertThat(history.getList("items[1].recentMessages.private"))
        .containsExactly(false, true, false);
    assertThat(history.getList("items[1].recentMessages.kind"))
        .containsExactly("message", "note", "message");
    assertThat(history.getList("items[1].recentMessages.status"))
        .containsExactly(null, null, "pending");
    assertThat(history.getList("items[1].recentMessages[0].attachments.type"))
        .containsExactly("image");
    assertThat(history.getMap("items[1].recentMessages[0].attachments[0]"))
        .doesNotContainKey("url");
    assertThat(history.getString("items[1].recentMessages[0].sentAt")).isNotNull();
    assertThat(history.getString("items[1].lastMessagePreview")).startsWith("Still nothing.");
  }

  @Test
  void mergeMovesTheMergedContactsConversationsToTheSurvivor() {
    String survivor = "contact-" + UUID.randomUUID();
    String merged = "contact-" + UUID.randomUUID();
    String instagram = conversationOf(survivor, instagramInbox, "instagram", "hi on ig");
    String whatsapp = conversationOf(merged, whatsappInbox, "whatsapp", "hi on wa");

    fromProfiles(new ContactMerged("merge-" + UUID.randomUUID(), survivor, merged, "sam"));

    assertThat(conversation(whatsapp).getString("contactId")).isEqualTo(survivor);
    assertThat(contactConversations(survivor).getList("items.id"))
        .containsExactlyInAnyOrder(instagram, whatsapp);
    assertThat(contactConversations(merged).getList("items")).isEmpty();
    // profiles may still name the merged contact for one of its identities: it means the survivor.
    String sms = "+1415" + UUID.randomUUID().toString().substring(0, 7);
    String smsInbox = newInbox();
    fromProfiles(new ContactResolved(merged, "sms", sms, smsInbox, false, null));
    String sid = "SM" + UUID.randomUUID();
    receiveAndWait(Received.on(smsInbox, "sms").from(sms).id(sid).build());
    assertThat(conversation(conversationOfMessage(sid)).getString("contactId")).isEqualTo(survivor);
  }

  @Test
  void unmergeGivesTheListedIdentitiesBackToTheRestoredContact() {
    String survivor = "contact-" + UUID.randomUUID();
    String restored = "contact-" + UUID.randomUUID();
    String ig = "1784" + UUID.randomUUID();
    String wa = "49151" + UUID.randomUUID();
    String instagram = conversationOf(survivor, instagramInbox, "instagram", ig, "ig");
    String whatsapp = conversationOf(restored, whatsappInbox, "whatsapp", wa, "wa");
    String mergeId = "merge-" + UUID.randomUUID();
    fromProfiles(new ContactMerged(mergeId, survivor, restored, "sam"));
    assertThat(conversation(whatsapp).getString("contactId")).isEqualTo(survivor);

    fromProfiles(
        new ContactUnmerged(mergeId, survivor, restored, List.of("whatsapp:" + wa), "sam"));

    assertThat(conversation(whatsapp).getString("contactId")).isEqualTo(restored);
    assertThat(conversation(instagram).getString("contactId")).isEqualTo(survivor);
    assertThat(contactConversations(restored).getList("items.id")).containsExactly(whatsapp);
  }

  @Test
  void unmergeThatOvertookItsMergeIsNotUndoneByIt() {
    String survivor = "contact-" + UUID.randomUUID();
    String restored = "contact-" + UUID.randomUUID();
    String wa = "49151" + UUID.randomUUID();
    String whatsapp = conversationOf(restored, whatsappInbox, "whatsapp", wa, "wa");
    String mergeId = "merge-" + UUID.randomUUID();

    fromProfiles(
        new ContactUnmerged(mergeId, survivor, restored, List.of("whatsapp:" + wa), "sam"));
    fromProfiles(new ContactMerged(mergeId, survivor, restored, "sam"));

    assertThat(conversation(whatsapp).getString("contactId")).isEqualTo(restored);
  }

  @Test
  void erasedContactLeavesNoConversationNoMessageAndNoLinkBehind() {
    String contact = "contact-" + UUID.randomUUID();
    String instagram =
        conversationOf(contact, instagramInbox, "instagram", "My address is 1 Elm St");
    write(instagram, java.util.Map.of("text", "Thanks, noted."));
    write(instagram, java.util.Map.of("text", "Customer asked twice", "private", true));
    // This identity's contact.resolved has not arrived yet: the event's identities find it.
    String wa = "49151" + UUID.randomUUID();
    String unresolved = "wa-" + UUID.randomUUID();
    receiveAndWait(Received.on(whatsappInbox, "whatsapp").from(wa).id(unresolved).build());
    String whatsapp = conversationOfMessage(unresolved);
    String other =
        conversationOf("contact-" + UUID.randomUUID(), whatsappInbox, "whatsapp", "Not me");

    fromProfiles(new io.tutti.events.type.ContactErased(contact, "ada", List.of("whatsapp:" + wa)));

    for (String gone : List.of(instagram, whatsapp)) {
      given().get("/api/conversations/" + gone).then().statusCode(404);
      assertThat(
              io.tutti.conversations.testing.Database.single(
                  "select count(*) from message where conversation_id = ?::uuid", gone))
          .isEqualTo(0L);
      assertThat(
              io.tutti.conversations.testing.Database.single(
                  "select count(*) from conversation_activity where conversation_id = ?::uuid",
                  gone))
          .isEqualTo(0L);
    }
    assertThat(
            io.tutti.conversations.testing.Database.single(
                "select count(*) from contact_identity where contact_id = ?", contact))
        .isEqualTo(0L);
    assertThat(contactConversations(contact).getList("items")).isEmpty();
    given().get("/api/conversations/" + other).then().statusCode(200);
  }

  private String conversationOf(String contact, String inbox, String channel, String text) {
    return conversationOf(contact, inbox, channel, channel + "-" + UUID.randomUUID(), text);
  }

  /** A conversation of an identity profiles resolved to the contact. */
  private String conversationOf(
      String contact, String inbox, String channel, String external, String text) {
    String id = channel + "-msg-" + UUID.randomUUID();
    receiveAndWait(Received.on(inbox, channel).from(external).id(id).text(text).build());
    fromProfiles(new ContactResolved(contact, channel, external, inbox, true, null));
    return conversationOfMessage(id);
  }

  private void fromProfiles(EventPayload payload) {
    EventEnvelope event = inbound.publish("profiles", workspace, payload);
    awaitHandled(event, "conversations.contacts");
  }

  private static JsonPath contactConversations(String contact) {
    return given()
        .get("/api/contacts/" + contact + "/conversations")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
