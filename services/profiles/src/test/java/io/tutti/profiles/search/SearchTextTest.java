package io.tutti.profiles.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.profiles.contact.Contact;
import io.tutti.profiles.identity.ContactHandle;
import io.tutti.profiles.identity.ContactIdentity;
import io.tutti.profiles.identity.PhoneNumbers;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTextTest {

  private final SearchText searchText = new SearchText(new PhoneNumbers("JP"));

  @Test
  void aContactIsFoundByEveryWordAndEveryWayItsHandlesAreTyped() {
    Contact contact = new Contact();
    contact.name = "José Álvarez";
    contact.company = "Sato Trading";
    ContactIdentity identity = new ContactIdentity();
    identity.displayName = "Pepe";

    String text =
        searchText.of(
            contact,
            List.of(
                handle(ContactHandle.PHONE, "+819012345678"),
                handle(ContactHandle.EMAIL, "jose@example.com"),
                handle(ContactHandle.USERNAME, "Pepe_A")),
            List.of(identity));

    // Each word once: the address's local part is the first name's word already.
    assertThat(text)
        .isEqualTo(
            " jose alvarez sato trading pepe 819012345678 09012345678 9012345678"
                + " jose@example.com example.com pepe_a");
  }

  @Test
  void termsAreComparedWithoutCaseOrAccents() {
    assertThat(SearchText.normalise("  ÉMILE Zola ")).isEqualTo("emile zola");
    assertThat(SearchText.normalise("Ｔａｎａｋａ")).isEqualTo("tanaka");
  }

  private static ContactHandle handle(String kind, String value) {
    ContactHandle handle = new ContactHandle();
    handle.kind = kind;
    handle.value = value;
    return handle;
  }
}
