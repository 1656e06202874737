package io.tutti.conversations.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTextTest {

  @Test
  void indexedTextAlsoCarriesEachNumberAsItsDigits() {
    assertThat(SearchText.withPhoneDigits("Call me at +49 1512 3456789 or (030) 123-4567"))
        .isEqualTo("Call me at +49 1512 3456789 or (030) 123-4567 4915123456789 0301234567");
    assertThat(SearchText.withPhoneDigits("Order 1042, 2 items")).isEqualTo("Order 1042, 2 items");
  }

  @Test
  void queryNumbersAreReadAsTheirDigits() {
    assertThat(SearchText.phonesAsDigits("+49 1512 3456789")).isEqualTo("4915123456789");
    assertThat(SearchText.phonesAsDigits("refund 1042")).isEqualTo("refund 1042");
  }
}
