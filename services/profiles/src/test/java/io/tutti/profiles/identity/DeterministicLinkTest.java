package io.tutti.profiles.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.tutti.events.type.ContactResolved;
import io.tutti.profiles.testing.Messages;
import io.tutti.profiles.testing.ProfilesTest;
import io.tutti.profiles.testing.ServiceTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The only contacts joined without a person: the same phone, or the same email address. */
@QuarkusTest
@ProfilesTest
@TestSecurity(user = "alice", roles = "agent")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class DeterministicLinkTest extends ServiceTest {

  @Test
  void samePhoneOnWhatsAppAndSmsIsOneContact() {
    String phone = Messages.japaneseMobile();
    ContactResolved whatsapp = receive(Messages.whatsapp(phone.substring(1), "Kenji", "Hi"));
    ContactResolved sms = receive(Messages.sms(phone, "It's Kenji again, by text"));

    assertThat(sms.created()).isFalse();
    assertThat(sms.contactId()).isEqualTo(whatsapp.contactId());
    assertThat(sms.externalContactId()).isEqualTo(phone);
    JsonPath contact = contact(whatsapp.contactId());
    assertThat(contact.getList("identities.channel")).containsExactly("whatsapp", "sms");
    assertThat(contact.getList("handles.value")).containsExactly(phone);
  }

  @Test
  void smsFirstThenWhatsAppIsOneContactToo() {
    String phone = Messages.japaneseMobile();
    ContactResolved sms = receive(Messages.sms(phone, "Hello"));
    ContactResolved whatsapp = receive(Messages.whatsapp(phone.substring(1), "Kenji", "Hi"));

    assertThat(whatsapp.created()).isFalse();
    assertThat(whatsapp.contactId()).isEqualTo(sms.contactId());
    assertThat(contact(sms.contactId()).getString("name")).isEqualTo("Kenji");
  }

  @Test
  void aPhoneTypedInAnyCommonWayLinksTheCustomerWritingFromIt() {
    List<Function<String, String>> ways =
        List.of(
            e164 ->
                "+81 "
                    + e164.substring(3, 5)
                    + "-"
                    + e164.substring(5, 9)
                    + "-"
                    + e164.substring(9),
            e164 -> "0" + e164.substring(3),
            e164 -> e164);
    for (Function<String, String> way : ways) {
      String phone = Messages.japaneseMobile();
      String written = way.apply(phone);
      String instagram = newInstagramContact();
      put(instagram, Map.of("handles", List.of(Map.of("kind", "phone", "value", written))));
      assertThat(contact(instagram).getList("handles.value")).containsExactly(phone);

      ContactResolved whatsapp = receive(Messages.whatsapp(phone.substring(1), null, "Hi"));

      assertThat(whatsapp.created()).as("WhatsApp from a number typed %s", written).isFalse();
      assertThat(whatsapp.contactId()).isEqualTo(instagram);
      assertThat(contact(instagram).getList("identities.channel"))
          .containsExactly("instagram", "whatsapp");
    }
  }

  @Test
  void sameEmailOnEmailAndTheWebsiteChatIsOneContact() {
    String address = Messages.email("grace");
    ContactResolved email =
        receive(Messages.email(address.toUpperCase(), "Grace Hopper", "About my order"));
    ContactResolved chat =
        receive(Messages.web("v_" + UUID.randomUUID(), "Grace", address, "Following up here"));

    assertThat(chat.created()).isFalse();
    assertThat(chat.contactId()).isEqualTo(email.contactId());
    JsonPath contact = contact(email.contactId());
    assertThat(contact.getList("identities.channel")).containsExactly("email", "web");
    assertThat(contact.getList("handles.value")).containsExactly(address);
  }

  @Test
  void websiteChatFirstThenEmailIsOneContactToo() {
    String address = Messages.email("grace");
    ContactResolved chat =
        receive(Messages.web("v_" + UUID.randomUUID(), null, address.toUpperCase(), "Hello"));
    ContactResolved email = receive(Messages.email(address, "Grace Hopper", "Hi again"));

    assertThat(email.contactId()).isEqualTo(chat.contactId());
    assertThat(contact(chat.contactId()).getString("name")).isEqualTo("Grace Hopper");
  }

  @Test
  void theSameNameOnTwoChannelsIsNeverJoinedSilently() {
    String name = "Ada " + Messages.word();
    ContactResolved telegram = receive(Messages.telegram(Messages.digits(9), name, null, "Hello"));
    ContactResolved messenger =
        receive(
            Messages.message(
                "messenger", Messages.digits(16), name, null, "Hello from Messenger", null));

    assertThat(messenger.created()).isTrue();
    assertThat(messenger.contactId()).isNotEqualTo(telegram.contactId());
  }

  @Test
  void aPhoneInAnotherWorkspaceLinksNothingHere() {
    String phone = Messages.japaneseMobile();
    ContactResolved globex = receive("globex", Messages.whatsapp(phone.substring(1), "K", "Hi"));
    ContactResolved acme = receive(Messages.sms(phone, "Hi"));

    assertThat(acme.created()).isTrue();
    assertThat(acme.contactId()).isNotEqualTo(globex.contactId());
    given().when().get("/api/contacts/" + globex.contactId()).then().statusCode(404);
  }

  private String newInstagramContact() {
    return receive(Messages.instagram("17841" + Messages.digits(10), "hi")).contactId();
  }
}
