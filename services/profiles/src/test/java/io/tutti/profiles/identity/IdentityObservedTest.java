package io.tutti.profiles.identity;

import static io.restassured.RestAssured.given;
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
import io.tutti.events.type.IdentityObserved;
import io.tutti.events.type.SaleRecorded;
import io.tutti.profiles.testing.Database;
import io.tutti.profiles.testing.Messages;
import io.tutti.profiles.testing.ProfilesTest;
import io.tutti.profiles.testing.ServiceTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * People attribution observes outside conversations, a website visitor's identify call and a shop
 * buyer, resolved like the sender of a message: the same links by email and phone, and no touch.
 */
@QuarkusTest
@ProfilesTest
@TestSecurity(user = "alice", roles = "agent")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class IdentityObservedTest extends ServiceTest {

  private static final String DLQ = "profiles.identity-observed.dlq";

  @Test
  void identifyWithANewEmailCreatesAContact() {
    String visitorId = "v_" + UUID.randomUUID();
    String address = Messages.email("ada");
    String name = "Ada " + Messages.word();

    ContactResolved resolved = observe(identify(visitorId, name, address.toUpperCase(), null));

    assertThat(resolved.created()).isTrue();
    assertThat(resolved.channel()).isEqualTo("web");
    assertThat(resolved.externalContactId()).isEqualTo(visitorId);
    assertThat(resolved.inboxId()).isNull();
    assertThat(resolved.messageEventId()).isNull();
    JsonPath contact = contact(resolved.contactId());
    assertThat(contact.getString("name")).isEqualTo(name);
    assertThat(contact.getList("identities.channel")).containsExactly("web");
    assertThat(contact.getList("identities.externalId")).containsExactly(visitorId);
    assertThat(contact.getList("handles.value")).containsExactly(address);
    // An identify call is no message: it brings the contact no touch.
    assertThat(contact.getMap("firstTouch")).isNull();
    assertThat(contact.getMap("lastTouch")).isNull();
    ContactUpdated updated =
        broker.await(ContactUpdated.class, u -> u.contactId().equals(resolved.contactId()));
    assertThat(updated.name()).isEqualTo(name);
    assertThat(updated.emails()).containsExactly(address);
    assertThat(
            given()
                .when()
                .get("/api/contacts?q=" + name.split(" ")[1])
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id"))
        .containsExactly(resolved.contactId());
  }

  @Test
  void identifyWithTheEmailOfAnEmailContactLinksToIt() {
    String address = Messages.email("grace");
    ContactResolved email = receive(Messages.email(address, "Grace Hopper", "About my order"));
    String visitorId = "v_" + UUID.randomUUID();

    ContactResolved web = observe(identify(visitorId, "Grace", address.toUpperCase(), null));

    assertThat(web.created()).isFalse();
    assertThat(web.contactId()).isEqualTo(email.contactId());
    JsonPath contact = contact(email.contactId());
    assertThat(contact.getList("identities.channel")).containsExactly("email", "web");
    assertThat(contact.getList("handles.value")).containsExactly(address);
    assertThat(contact.getString("name")).isEqualTo("Grace Hopper");
    assertThat(
            Database.count(
                "select count(distinct contact_id) from contact_identity where external_id in (?,"
                    + " ?)",
                address,
                visitorId))
        .isEqualTo(1);
  }

  @Test
  void theVisitorWhoAlreadyChatsOnTheWebsiteKeepsItsContact() {
    String visitorId = "v_" + UUID.randomUUID();
    Instant sentAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
    ContactResolved chat =
        receive(Messages.message("web", visitorId, null, null, "Is this in stock?", sentAt));
    String address = Messages.email("lin");

    ContactResolved identified = observe(identify(visitorId, "Lin", address, null));

    assertThat(identified.created()).isFalse();
    assertThat(identified.contactId()).isEqualTo(chat.contactId());
    JsonPath contact = contact(chat.contactId());
    assertThat(contact.getList("identities.channel")).containsExactly("web");
    assertThat(contact.getString("name")).isEqualTo("Lin");
    assertThat(contact.getList("handles.value")).containsExactly(address);
    assertThat(contact.getList("handles.source")).containsExactly("web");
    // The chat message stays the contact's last touch: the identify call came later but is none.
    assertThat(Instant.parse(contact.getString("lastTouch.at"))).isEqualTo(sentAt);
    broker.await(
        ContactUpdated.class,
        u -> u.contactId().equals(chat.contactId()) && u.emails().contains(address));
  }

  @Test
  void aKnownVisitorGivingAnotherContactsEmailIsSuggestedAndNotLinked() {
    String address = Messages.email("grace");
    String byEmail = receive(Messages.email(address, "Grace", "Hello")).contactId();
    String visitorId = "v_" + UUID.randomUUID();
    String visitor = receive(Messages.web(visitorId, null, null, "Just browsing")).contactId();

    ContactResolved identified = observe(identify(visitorId, null, address, null));

    assertThat(identified.created()).isFalse();
    assertThat(identified.contactId()).isEqualTo(visitor);
    JsonPath suggestion = onlySuggestionOf(visitor);
    assertThat(suggestion.getList("contacts.id")).containsExactly(byEmail, visitor);
    assertThat(suggestion.getList("reasons.reason")).containsExactly("web-visitor-identified");
    assertThat(suggestion.getDouble("confidence")).isEqualTo(0.8);
    assertThat(contact(visitor).getList("handles")).isEmpty();
    assertThat(contact(byEmail).getList("identities.channel")).containsExactly("email");
  }

  @Test
  void aShopBuyerWithANationalPhoneLinksToTheWhatsAppContactOfThatNumber() {
    String phone = Messages.japaneseMobile();
    ContactResolved whatsapp = receive(Messages.whatsapp(phone.substring(1), "Kenji", "Hi"));
    String national = "0" + phone.substring(3);
    String customerId = "cust-" + Messages.digits(8);

    ContactResolved buyer = observe(order(customerId, "Kenji Sato", null, national));

    assertThat(national).startsWith("090").hasSize(11);
    assertThat(buyer.created()).isFalse();
    assertThat(buyer.contactId()).isEqualTo(whatsapp.contactId());
    assertThat(buyer.channel()).isEqualTo("shop");
    assertThat(buyer.externalContactId()).isEqualTo(customerId);
    JsonPath contact = contact(whatsapp.contactId());
    assertThat(contact.getList("identities.channel")).containsExactly("whatsapp", "shop");
    assertThat(contact.getList("handles.value")).containsExactly(phone);
    assertThat(contact.getString("name")).isEqualTo("Kenji");
  }

  @Test
  void aSaleByEmailBelongsToTheContactWithThatEmailAndMakesItACustomer() {
    String address = Messages.email("mary");
    ContactResolved email = receive(Messages.email(address, "Mary", "Where is my parcel?"));

    ContactResolved buyer = observe(order(address, null, address, null));

    assertThat(buyer.created()).isFalse();
    assertThat(buyer.contactId()).isEqualTo(email.contactId());
    String saleId = "sale-" + UUID.randomUUID();
    EventEnvelope sale =
        broker.publish(
            "attribution",
            WORKSPACE,
            new SaleRecorded(
                saleId,
                buyer.contactId(),
                "order-" + Messages.digits(5),
                new BigDecimal("4800"),
                "JPY",
                Instant.now()));
    awaitHandled(sale, "profiles.attribution");
    assertThat(contact(email.contactId()).getString("stage")).isEqualTo("customer");
    assertThat(Database.count("select count(*) from conversion where sale_id = ?", saleId))
        .isEqualTo(1);
  }

  @Test
  void anOrderLinksByItsEmailAndSuggestsTheContactHoldingItsPhone() {
    String address = Messages.email("hana");
    String byEmail = receive(Messages.email(address, "Hana", "Hello")).contactId();
    String phone = Messages.japaneseMobile();
    String byPhone = receive(Messages.whatsapp(phone.substring(1), "Hana", "Hi")).contactId();

    ContactResolved buyer = observe(order("cust-" + Messages.digits(8), null, address, phone));

    assertThat(buyer.created()).isFalse();
    assertThat(buyer.contactId()).isEqualTo(byEmail);
    assertThat(contact(byEmail).getList("handles.value")).containsExactly(address);
    JsonPath suggestions = suggestionsOf(byEmail);
    assertThat(suggestions.getList("items")).hasSize(1);
    assertThat(suggestions.getList("items[0].contacts.id")).contains(byPhone);
    assertThat(suggestions.getList("items[0].reasons.reason"))
        .containsExactly("shop-buyer-identified");
    assertThat(suggestions.getList("items[0].reasons.detail")).containsExactly(phone);
  }

  @Test
  void aNewBuyerGetsAContactWithTheOrdersEmailAndPhone() {
    String address = Messages.email("new");
    String phone = Messages.japaneseMobile();

    ContactResolved buyer =
        observe(order("cust-" + Messages.digits(8), "Sato", address, "0" + phone.substring(3)));

    assertThat(buyer.created()).isTrue();
    JsonPath contact = contact(buyer.contactId());
    assertThat(contact.getList("handles.value")).containsExactly(address, phone);
    assertThat(contact.getList("handles.source")).containsOnly("shop");
    // Later messages from that phone are the same person: the order proved it.
    assertThat(receive(Messages.sms(phone, "Hi, about my order")).contactId())
        .isEqualTo(buyer.contactId());
  }

  @Test
  void aRedeliveredObservationChangesNothing() {
    IdentityObserved observed =
        identify("v_" + UUID.randomUUID(), "Ada", Messages.email("ada"), null);
    EventEnvelope event = broker.publish("attribution", WORKSPACE, observed);
    broker.publish(event);
    awaitHandled(event, "profiles.identity-observed");

    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> resolutionsOf(observed).size() == 1);
    String contactId = resolutionsOf(observed).getFirst().contactId();
    assertThat(broker.all(ContactUpdated.class, u -> u.contactId().equals(contactId))).hasSize(1);
    assertThat(
            Database.count(
                "select count(*) from contact_identity where channel = 'web' and external_id = ?",
                observed.externalId()))
        .isEqualTo(1);
    assertThat(
            Database.count(
                "select count(*) from contact_handle where contact_id = ?",
                UUID.fromString(contactId)))
        .isEqualTo(1);
  }

  @Test
  void theSameIdentifyAgainAnswersWithTheContactAndAnnouncesNoChange() {
    IdentityObserved observed =
        identify("v_" + UUID.randomUUID(), "Ada", Messages.email("ada"), null);
    ContactResolved first = observe(observed);
    broker.await(ContactUpdated.class, u -> u.contactId().equals(first.contactId()));

    ContactResolved again = observe(identify(observed.externalId(), "Ada", null, null));

    assertThat(again.created()).isFalse();
    assertThat(again.contactId()).isEqualTo(first.contactId());
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                broker
                        .all(ContactUpdated.class, u -> u.contactId().equals(first.contactId()))
                        .size()
                    == 1);
  }

  /** Events that can never be resolved: no identity, a channel no observation has, nobody. */
  static Stream<Arguments> unresolvable() {
    return Stream.of(
        Arguments.of(
            "blank externalId", identify(" ", "Nobody " + Messages.word(), "a@example.com", null)),
        Arguments.of(
            "unknown channel",
            new IdentityObserved(
                "whatsapp",
                Messages.digits(12),
                "Nobody " + Messages.word(),
                null,
                null,
                Instant.now(),
                "track")),
        Arguments.of(
            "a new visitor with nothing to tell",
            identify("v_" + UUID.randomUUID(), null, "not an address", "12")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unresolvable")
  void anUnresolvableObservationIsDeadLetteredAndCreatesNothing(
      String why, IdentityObserved observed) {
    try (BrokerProbe probe =
        new BrokerProbe(vertx, TuttiTestInfrastructure.vhost(ProfilesTest.VHOST))) {
      long before = probe.messageCount(DLQ);

      broker.publish("attribution", WORKSPACE, observed);

      await().atMost(Duration.ofSeconds(30)).until(() -> probe.messageCount(DLQ) == before + 1);
      assertThat(
              Database.count(
                  "select count(*) from contact_identity where external_id = ?",
                  observed.externalId().strip()))
          .isZero();
      if (observed.name() != null) {
        assertThat(Database.count("select count(*) from contact where name = ?", observed.name()))
            .isZero();
      }
      assertThat(resolutionsOf(observed)).isEmpty();
    }
  }

  /** A website visitor's identify call, as attribution publishes it. */
  private static IdentityObserved identify(
      String visitorId, String name, String email, String phone) {
    return new IdentityObserved(
        IdentityObserved.CHANNEL_WEB, visitorId, name, email, phone, Instant.now(), "track");
  }

  /** An order's buyer attribution did not know, as attribution publishes it. */
  private static IdentityObserved order(
      String customerId, String name, String email, String phone) {
    return new IdentityObserved(
        IdentityObserved.CHANNEL_SHOP, customerId, name, email, phone, Instant.now(), "sale");
  }

  private static JsonPath onlySuggestionOf(String contactId) {
    JsonPath page = suggestionsOf(contactId);
    assertThat(page.getList("items")).as("suggestions of %s", contactId).hasSize(1);
    return page.setRootPath("items[0]");
  }

  private static JsonPath suggestionsOf(String contactId) {
    return given()
        .when()
        .get("/api/contacts/merge-suggestions?contactId=" + contactId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
