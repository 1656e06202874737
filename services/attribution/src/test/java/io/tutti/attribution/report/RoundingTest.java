package io.tutti.attribution.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundingTest {

  @Test
  void roundedRowsAddUpToTheRoundedTotal() {
    List<BigDecimal> thirds =
        List.of(new BigDecimal("0.333333"), new BigDecimal("0.333333"), new BigDecimal("0.333334"));

    assertThat(Rounding.total(thirds)).isEqualByComparingTo("1.00");
    assertThat(Rounding.rows(thirds))
        .extracting(BigDecimal::toPlainString)
        .containsExactly("0.33", "0.33", "0.34");
  }

  @Test
  void exactValuesStayAsTheyAre() {
    assertThat(Rounding.rows(List.of(new BigDecimal("0.5"), new BigDecimal("1.25"))))
        .extracting(BigDecimal::toPlainString)
        .containsExactly("0.50", "1.25");
  }
}
