package io.tutti.conversations.privacy;

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
import io.tutti.events.testing.Callers;
import io.tutti.events.type.ContactMerged;
import io.tutti.events.type.ContactResolved;
import io.tutti.events.type.Referral;
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
class ConversationsExportTest extends ServiceTest {

  private final String instagramInbox = newInbox();
  private final String whatsappInbox = newInbox();

  @Test
  void theExportHoldsEveryConversationOfThePersonWithEveryMessageAndNote() {
    String contact = UUID.randomUUID().toString();
    String merged = UUID.randomUUID().toString();
    String ig = "1784" + UUID.randomUUID();
    String dm = "mid-" + UUID.randomUUID();
    receiveAndWait(
        Received.on(instagramInbox, "instagram")
            .from(ig)
            .named("Kenji")
            .id(dm)
            .text("Is the blue one in stock?")
            .attachment("image", "https://cdn.example/blue.jpg")
            .referral(new Referral("ADS", "ad-42", "spring-sale", null, null))
            .build());
    fromProfiles(new ContactResolved(contact, "instagram", ig, instagramInbox, true, null));
    String instagram = conversationOfMessage(dm);
    write(instagram, Map.of("text", "Yes, we have it."));
    write(instagram, Map.of("text", "Asked about the blue one", "private", true));
    String wa = "81901" + UUID.randomUUID();
    String wamid = "wamid-" + UUID.randomUUID();
    receiveAndWait(
        Received.on(whatsappInbox, "whatsapp").from(wa).id(wamid).text("Hello again").build());
    fromProfiles(new ContactResolved(merged, "whatsapp", wa, whatsappInbox, true, null));
    fromProfiles(new ContactMerged("merge-" + UUID.randomUUID(), contact, merged, "ada"));
    String whatsapp = conversationOfMessage(wamid);
    String someoneElse = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(instagramInbox, "instagram").id(someoneElse).text("Not me").build());

    JsonPath export = export(contact);

    assertThat(export.getString("contactId")).isEqualTo(contact);
    assertThat(export.getString("exportedAt")).isNotNull();
    assertThat(export.getList("conversations.id")).containsExactly(instagram, whatsapp);
    assertThat(export.getList("conversations.channel")).containsExactly("instagram", "whatsapp");
    assertThat(export.getList("conversations.externalContactId")).containsExactly(ig, wa);
    assertThat(export.getList("conversations[0].messages.text"))
        .containsExactly(
            "Is the blue one in stock?", "Yes, we have it.", "Asked about the blue one");
    assertThat(export.getList("conversations[0].messages.direction"))
        .containsExactly("in", "out", "out");
    assertThat(export.getList("conversations[0].messages.private"))
        .containsExactly(false, false, true);
    assertThat(export.getString("conversations[0].messages[0].platformMessageId")).isEqualTo(dm);
    assertThat(export.getString("conversations[0].messages[0].attachments[0].url"))
        .isEqualTo("https://cdn.example/blue.jpg");
    assertThat(export.getString("conversations[0].messages[0].referral.adId")).isEqualTo("ad-42");
    assertThat(export.getString("conversations[0].messages[1].status")).isEqualTo("pending");
    assertThat(export.getList("conversations[0].activity.type")).contains("opened");
    assertThat(export.getList("conversations[1].messages.text")).containsExactly("Hello again");
  }

  @Test
  void aContactConversationsKnowsNothingOfHasAnEmptyExport() {
    String contact = UUID.randomUUID().toString();

    JsonPath export = export(contact);

    assertThat(export.getString("contactId")).isEqualTo(contact);
    assertThat(export.getList("conversations")).isEmpty();
  }

  @Test
  void anotherWorkspaceExportsNothingOfThisOne() {
    String contact = UUID.randomUUID().toString();
    String ig = "1784" + UUID.randomUUID();
    receiveAndWait(Received.on(instagramInbox, "instagram").from(ig).text("Hi").build());
    fromProfiles(new ContactResolved(contact, "instagram", ig, instagramInbox, true, null));
    assertThat(export(contact).getList("conversations")).hasSize(1);

    Callers.admin("eve", "ws-other-" + UUID.randomUUID());

    assertThat(export(contact).getList("conversations")).isEmpty();
  }

  @Test
  void onlyAnAdminExports() {
    String contact = UUID.randomUUID().toString();
    for (List<String> roles : List.of(List.of("agent"), List.of("sales", "agent"))) {
      Callers.actAs("sam", workspace, roles.toArray(String[]::new));
      given()
          .when()
          .get("/api/contacts/" + contact + "/conversations/export")
          .then()
          .statusCode(403);
    }
    Callers.anonymous();
    given().when().get("/api/contacts/" + contact + "/conversations/export").then().statusCode(401);
  }

  @Test
  void theContactsListStillAnswersBesideTheExport() {
    String contact = UUID.randomUUID().toString();
    String ig = "1784" + UUID.randomUUID();
    String dm = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(instagramInbox, "instagram").from(ig).id(dm).build());
    fromProfiles(new ContactResolved(contact, "instagram", ig, instagramInbox, true, null));

    List<Object> listed =
        given()
            .when()
            .get("/api/contacts/" + contact + "/conversations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.id");

    assertThat(listed).containsExactly(conversationOfMessage(dm));
  }

  private void fromProfiles(EventPayload payload) {
    EventEnvelope event = inbound.publish("profiles", workspace, payload);
    awaitHandled(event, "conversations.contacts");
  }

  private static JsonPath export(String contact) {
    return given()
        .when()
        .get("/api/contacts/" + contact + "/conversations/export")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .jsonPath();
  }
}
