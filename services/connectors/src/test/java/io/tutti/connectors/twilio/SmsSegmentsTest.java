package io.tutti.connectors.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

  @Test
  void gsmTextTakes160CharactersAloneAnd153PerConcatenatedSegment() {
    assertThat(SmsSegments.count("")).isZero();
    assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
    assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
  }

  @Test
  void extensionCharactersCountTwice() {
    assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
    assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
  }

  @Test
  void oneCharacterOutsideGsmMakesTheWholeTextUcs2() {
    assertThat(SmsSegments.count("é".repeat(70))).isEqualTo(1);
    assertThat(SmsSegments.count("ï" + "a".repeat(69))).isEqualTo(1);
    assertThat(SmsSegments.count("ï" + "a".repeat(70))).isEqualTo(2);
    assertThat(SmsSegments.count("こんにちは".repeat(27))).isEqualTo(3);
  }
}
