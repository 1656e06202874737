package io.tutti.profiles.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

  private final PhoneNumbers japan = new PhoneNumbers("JP");

  @Test
  void theWaysPeopleWriteOneNumberAreOneNumber() {
    assertThat(japan.e164("+81 90-1234-5678")).contains("+819012345678");
    assertThat(japan.e164("09012345678")).contains("+819012345678");
    assertThat(japan.e164("+819012345678")).contains("+819012345678");
    assertThat(japan.e164("090 (1234) 5678")).contains("+819012345678");
    assertThat(japan.e164("+81-90-1234-5678")).contains("+819012345678");
    assertThat(japan.e164("010 81 90 1234 5678")).contains("+819012345678");
  }

  @Test
  void aNationalNumberIsReadInTheDefaultRegion() {
    assertThat(new PhoneNumbers("US").e164("(415) 555-2671")).contains("+14155552671");
    assertThat(new PhoneNumbers("US").e164("09012345678")).isEmpty();
  }

  @Test
  void textThatIsNoNumberIsNone() {
    assertThat(japan.e164("12")).isEmpty();
    assertThat(japan.e164("call me")).isEmpty();
    assertThat(japan.e164(null)).isEmpty();
  }

  @Test
  void aChannelsE164NumberIsKeptEvenWhenTheLibraryDoesNotKnowItsRange() {
    assertThat(japan.e164FromChannel("+999123456789")).contains("+999123456789");
    assertThat(japan.e164FromChannel("ACME")).isEmpty();
  }

  @Test
  void numbersAreFoundInWhatCustomersWrite() {
    assertThat(japan.findIn("You can reach me at 090-1234-5678 or +44 20 7946 0958 after six"))
        .containsExactly("+819012345678", "+442079460958");
    assertThat(japan.findIn("order 12345 arrived")).isEmpty();
  }

  @Test
  void aNumberIsSearchableByEachWayItIsTypedFromTheStart() {
    assertThat(japan.typedForms("+819012345678"))
        .containsExactly("819012345678", "09012345678", "9012345678");
  }

  @Test
  void anUnknownDefaultRegionIsAConfigurationError() {
    assertThatThrownBy(() -> new PhoneNumbers("XX"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("default-region");
  }
}
