package io.tutti.profiles.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.events.EventEnvelope;
import io.tutti.events.testing.BrokerProbe;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.tutti.events.type.ContactResolved;
import io.tutti.events.type.ContactUpdated;
import io.tutti.events.type.MessageReceived;
import io.tutti.profiles.testing.Database;
import io.tutti.profiles.testing.Messages;
import io.tutti.profiles.testing.ProfilesTest;
import io.tutti.profiles.testing.ServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@ProfilesTest
@TestSecurity(user = "alice", roles = "agent")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class IdentityResolutionTest extends ServiceTest {

  /**
   * One first message per channel, with the external id shape connectors gives it, and the handle
   * the contact then holds.
   */
  static Stream<Arguments> firstMessages() {
    String waPhone = Messages.japaneseMobile();
    String smsPhone = Messages.japaneseMobile();
    String address = Messages.email("grace");
    String visitorEmail = Messages.email("visitor");
    String username = "ada_" + Messages.digits(6);
    return Stream.of(
        Arguments.of(
            Messages.whatsapp(waPhone.substring(1), "Kenji Sato", "こんにちは"),
            Map.of("kind", "phone", "value", waPhone)),
        Arguments.of(Messages.sms(smsPhone, "Hello"), Map.of("kind", "phone", "value", smsPhone)),
        Arguments.of(
            Messages.email(address.toUpperCase(), "Grace Hopper", "Question about billing"),
            Map.of("kind", "email", "value", address)),
        Arguments.of(
            Messages.web("v_" + UUID.randomUUID(), "Visitor", visitorEmail, "Is this in stock?"),
            Map.of("kind", "email", "value", visitorEmail)),
        Arguments.of(
            Messages.telegram(Messages.digits(9), "Ada", username, "Hi"),
            Map.of("kind", "username", "value", username, "channel", "telegram")),
        Arguments.of(Messages.instagram("17841" + Messages.digits(10), "Hey!"), Map.of()),
        Arguments.of(Messages.messenger(Messages.digits(16), "Hello there"), Map.of()));
  }

  @ParameterizedTest
  @MethodSource("firstMessages")
  void firstMessageOnAChannelCreatesAContactWithThatIdentity(
      MessageReceived message, Map<String, String> handle) {
    ContactResolved resolved = receive(message);

    assertThat(resolved.created()).isTrue();
    assertThat(resolved.channel()).isEqualTo(message.channel());
    assertThat(resolved.externalContactId())
        .isEqualTo(
            message.channel().equals("email")
                ? message.externalContactId().toLowerCase()
                : message.externalContactId());
    assertThat(resolved.inboxId()).isEqualTo(message.inboxId());

    JsonPath contact = contact(resolved.contactId());
    assertThat(contact.getString("stage")).isEqualTo("new");
    assertThat(contact.getList("identities.channel")).containsExactly(message.channel());
    assertThat(contact.getList("identities.externalId"))
        .containsExactly(resolved.externalContactId());
    assertThat(contact.getString("name")).isEqualTo(message.contactName());
    if (handle.isEmpty()) {
      assertThat(contact.getList("handles")).isEmpty();
    } else {
      assertThat(contact.getList("handles.kind")).containsExactly(handle.get("kind"));
      assertThat(contact.getList("handles.value")).containsExactly(handle.get("value"));
      assertThat(contact.getList("handles.channel"))
          .containsExactly(handle.getOrDefault("channel", null));
    }
    ContactUpdated updated =
        broker.await(ContactUpdated.class, u -> u.contactId().equals(resolved.contactId()));
    assertThat(updated.name()).isEqualTo(message.contactName());
    assertThat(updated.stage()).isEqualTo("new");
  }

  @Test
  void everyMessageOfAKnownIdentityIsResolvedToTheSameContact() {
    String waId = Messages.japaneseMobile().substring(1);
    ContactResolved first = receive(Messages.whatsapp(waId, "Kenji", "Hello"));
    ContactResolved second = receive(Messages.whatsapp(waId, "Kenji Sato", "Are you there?"));
    ContactResolved third = receive(Messages.whatsapp(waId, null, "👍"));

    assertThat(List.of(first.created(), second.created(), third.created()))
        .containsExactly(true, false, false);
    assertThat(List.of(second.contactId(), third.contactId())).containsOnly(first.contactId());
    JsonPath contact = contact(first.contactId());
    assertThat(contact.getList("identities")).hasSize(1);
    // The first name the channel gave stays the contact's; the identity shows the channel's latest.
    assertThat(contact.getString("name")).isEqualTo("Kenji");
    assertThat(contact.getString("identities[0].name")).isEqualTo("Kenji Sato");
  }

  @Test
  void redeliveredMessageIsResolvedOnce() {
    MessageReceived message = Messages.sms(Messages.japaneseMobile(), "Hi");
    EventEnvelope event = broker.publish("connectors", WORKSPACE, message);
    broker.publish(event);
    awaitHandled(event, "profiles.message-received");

    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                broker
                        .all(
                            ContactResolved.class,
                            r -> r.messageEventId().equals(event.id().toString()))
                        .size()
                    == 1);
    assertThat(
            Database.count(
                "select count(*) from contact_identity where channel = 'sms' and external_id = ?",
                message.externalContactId()))
        .isEqualTo(1);
  }

  @Test
  void sameIdentityInAnotherWorkspaceIsAnotherContact() {
    MessageReceived message = Messages.whatsapp(Messages.japaneseMobile().substring(1), "K", "Hi");
    ContactResolved acme = receive(message);
    ContactResolved globex = receive("globex", message);

    assertThat(globex.created()).isTrue();
    assertThat(globex.contactId()).isNotEqualTo(acme.contactId());
  }

  @Test
  void firstAndLastTouchFollowTheMessagesThatBroughtTheContact() {
    String igsid = "17841" + Messages.digits(10);
    Instant earlier = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    Instant later = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    ContactResolved resolved =
        receive(Messages.fromCampaign("instagram", igsid, "spring-sale", later));
    receive(Messages.fromCampaign("instagram", igsid, "winter-teaser", earlier));

    JsonPath contact = contact(resolved.contactId());
    assertThat(contact.getString("firstTouch.channel")).isEqualTo("instagram");
    assertThat(contact.getString("firstTouch.campaign")).isEqualTo("winter-teaser");
    assertThat(Instant.parse(contact.getString("firstTouch.at"))).isEqualTo(earlier);
    assertThat(contact.getString("lastTouch.campaign")).isEqualTo("spring-sale");
    assertThat(Instant.parse(contact.getString("lastTouch.at"))).isEqualTo(later);
  }

  @Test
  void messageNamingNoSenderIsDeadLetteredAndCreatesNothing() {
    String dlq = "profiles.message-received.dlq";
    try (BrokerProbe probe =
        new BrokerProbe(vertx, TuttiTestInfrastructure.vhost(ProfilesTest.VHOST))) {
      long before = probe.messageCount(dlq);
      String inbox = UUID.randomUUID().toString();
      broker.publish(
          "connectors",
          WORKSPACE,
          new MessageReceived(
              inbox,
              "sms",
              " ",
              null,
              null,
              "m-1",
              "Hi",
              List.of(),
              null,
              Instant.now(),
              null,
              MessageReceived.KIND_MESSAGE,
              null,
              null,
              List.of()));

      await().atMost(Duration.ofSeconds(30)).until(() -> probe.messageCount(dlq) == before + 1);
      assertThat(Database.count("select count(*) from contact_identity where inbox_id = ?", inbox))
          .isZero();
    }
  }
}
