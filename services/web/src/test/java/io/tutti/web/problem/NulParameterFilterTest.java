package io.tutti.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NulParameterFilterTest {

  @Test
  void anEscapedNulInAnyCaseIsFound() {
    assertThat(NulParameterFilter.hasNul("label=nul%00in")).isTrue();
    assertThat(NulParameterFilter.hasNul("/api/contacts/%00")).isTrue();
  }

  @Test
  void otherEscapesAndNothingAtAllPass() {
    assertThat(NulParameterFilter.hasNul("q=100%25&x=%0A%200")).isFalse();
    assertThat(NulParameterFilter.hasNul("")).isFalse();
    assertThat(NulParameterFilter.hasNul(null)).isFalse();
  }
}
