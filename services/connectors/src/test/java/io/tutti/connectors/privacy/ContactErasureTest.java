package io.tutti.connectors.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.Customers;
import io.tutti.connectors.testing.Deliveries;
import io.tutti.connectors.testing.FakePlatforms;
import io.tutti.connectors.testing.Fixtures;
import io.tutti.connectors.testing.Inboxes;
import io.tutti.connectors.testing.OutboundTest;
import io.tutti.connectors.testing.Replies;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.ContactErased;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.OutboundRequested;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** profiles' contact.erased: connectors keeps nothing of the person, and everything of others. */
@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class ContactErasureTest extends OutboundTest {

  @Test
  void erasedPersonLeavesNoDeliveryReplyWindowOrFileBehind() throws Exception {
    String phone = Inboxes.uniqueId();
    JsonPath whatsapp = Inboxes.whatsapp(phone);
    String person = "4915" + Inboxes.uniqueId();
    String someoneElse = "4916" + Inboxes.uniqueId();
    Customers.writeOnWhatsApp(whatsapp, phone, person, Instant.now());
    Customers.writeOnWhatsApp(whatsapp, phone, someoneElse, Instant.now());
    FakePlatforms.answer(
        FakePlatforms.GRAPH + "/" + phone + "/messages",
        200,
        "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.erase-"
            + phone
            + "\"}]}");
    OutboundRequested reply =
        Replies.text(whatsapp.getString("id"), "whatsapp", person, "Your order shipped.");
    Replies.send(vertx, reply);
    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);

    String address = "ana-" + UUID.randomUUID() + "@example.com";
    JsonPath email = Inboxes.create(emailInbox());
    byte[] withFile =
        new String(
                Fixtures.bytes("email/multipart_html_attachments.eml"),
                java.nio.charset.StandardCharsets.ISO_8859_1)
            .replaceFirst("(?m)^From: .*$", "From: Ana <" + address.toUpperCase() + ">")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    given()
        .contentType("message/rfc822")
        .header("Authorization", "Bearer " + Inboxes.EMAIL_SECRET)
        .body(withFile)
        .post(Inboxes.webhookPath(email))
        .then()
        .statusCode(200);
    assertThat(count("select count(*) from email_attachment where sender = ?", address))
        .isPositive();

    EventEnvelope erased =
        EventEnvelope.of(
            "profiles",
            "acme",
            null,
            new ContactErased(
                "contact-" + UUID.randomUUID(),
                "ada-id",
                List.of("whatsapp:" + person, "email:" + address)));
    Replies.publish(vertx, erased);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> count("select count(*) from outbound_message where recipient = ?", person) == 0);
    for (String trace : List.of(person, address)) {
      assertThat(deliveriesMentioning(trace)).as("deliveries naming %s", trace).isZero();
    }
    assertThat(count("select count(*) from contact_window where external_contact_id = ?", person))
        .isZero();
    assertThat(count("select count(*) from email_attachment where sender = ?", address)).isZero();
    assertThat(
            count(
                "select count(*) from outbound_platform_id where platform_message_id = ?",
                "wamid.erase-" + phone))
        .isZero();
    assertThat(count("select count(*) from inbound_key where key like ?", address + ":%")).isZero();
    // The other customer of the same inbox keeps everything.
    assertThat(deliveriesMentioning(someoneElse)).isEqualTo(1);
    assertThat(
            count("select count(*) from contact_window where external_contact_id = ?", someoneElse))
        .isEqualTo(1);
  }

  private static Map<String, Object> emailInbox() {
    return Map.of(
        "name",
        "Support",
        "channel",
        "email",
        "address",
        "support-" + UUID.randomUUID() + "@acme.test",
        "inboundSecret",
        Inboxes.EMAIL_SECRET);
  }

  private static long deliveriesMentioning(String text) throws Exception {
    return count(
        "select count(*) from webhook_delivery where position(lower(?) in lower(encode(body,"
            + " 'escape'))) > 0",
        text);
  }

  private static long count(String sql, String parameter) throws Exception {
    try (Connection db = Deliveries.connect();
        PreparedStatement query = db.prepareStatement(sql)) {
      query.setString(1, parameter);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
