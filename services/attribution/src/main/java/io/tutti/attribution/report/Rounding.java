package io.tutti.attribution.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rounds fractional credit to two decimals so that the rounded rows add up to the rounded total
 * (largest remainder): three rows of a third each show 0.34, 0.33, 0.33 under a total of 1.00.
 */
final class Rounding {

  static final int SCALE = 2;

  private Rounding() {}

  static BigDecimal total(List<BigDecimal> exact) {
    return exact.stream()
        .reduce(BigDecimal.ZERO, BigDecimal::add)
        .setScale(SCALE, RoundingMode.HALF_EVEN);
  }

  static List<BigDecimal> rows(List<BigDecimal> exact) {
    BigDecimal target = total(exact);
    List<BigDecimal> rounded = new ArrayList<>(exact.size());
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal value : exact) {
      BigDecimal down = value.setScale(SCALE, RoundingMode.FLOOR);
      rounded.add(down);
      sum = sum.add(down);
    }
    BigDecimal step = BigDecimal.ONE.movePointLeft(SCALE);
    int steps = target.subtract(sum).divide(step).intValue();
    List<Integer> byRemainder = new ArrayList<>();
    for (int i = 0; i < exact.size(); i++) {
      byRemainder.add(i);
    }
    byRemainder.sort(
        Comparator.comparing((Integer i) -> exact.get(i).subtract(rounded.get(i))).reversed());
    for (int k = 0; k < steps && k < byRemainder.size(); k++) {
      int i = byRemainder.get(k);
      rounded.set(i, rounded.get(i).add(step));
    }
    return rounded;
  }
}
