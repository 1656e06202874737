package io.tutti.attribution.model;

import io.tutti.attribution.channel.ChannelRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares a conversion among the touches that came before it. Touches after the conversion are
 * ignored; a conversion with none is credited to {@code direct}. Weights carry six decimals and
 * always sum to exactly 1 (the rounding rest goes to the largest share), so report totals equal the
 * number of conversions and the revenue.
 */
public final class Attribution {

  static final int SCALE = 6;
  private static final BigDecimal ONE = BigDecimal.ONE.setScale(SCALE);
  private static final Comparator<TouchPoint> IN_TIME =
      Comparator.comparing(TouchPoint::at).thenComparingLong(TouchPoint::order);

  private Attribution() {}

  public static List<Share> credit(
      Model model, List<TouchPoint> touches, Instant convertedAt, Duration halfLife) {
    List<TouchPoint> before =
        touches.stream().filter(t -> !t.at().isAfter(convertedAt)).sorted(IN_TIME).toList();
    if (before.isEmpty()) {
      return List.of(new Share(ChannelRules.DIRECT, "", ONE));
    }
    double[] weights = weights(model, before, convertedAt, halfLife);
    Map<List<String>, Double> byKey = new LinkedHashMap<>();
    for (int i = 0; i < before.size(); i++) {
      if (weights[i] > 0) {
        TouchPoint touch = before.get(i);
        byKey.merge(List.of(touch.channel(), touch.campaign()), weights[i], Double::sum);
      }
    }
    return normalised(byKey);
  }

  private static double[] weights(
      Model model, List<TouchPoint> touches, Instant convertedAt, Duration halfLife) {
    int n = touches.size();
    double[] weights = new double[n];
    switch (model) {
      case FIRST_TOUCH -> weights[0] = 1;
      case LAST_TOUCH -> weights[n - 1] = 1;
      case LINEAR -> java.util.Arrays.fill(weights, 1.0 / n);
      case U_SHAPED -> {
        if (n == 1) {
          weights[0] = 1;
        } else if (n == 2) {
          weights[0] = 0.5;
          weights[1] = 0.5;
        } else {
          weights[0] = 0.4;
          weights[n - 1] = 0.4;
          for (int i = 1; i < n - 1; i++) {
            weights[i] = 0.2 / (n - 2);
          }
        }
      }
      case TIME_DECAY -> {
        double halfLifeSeconds = Math.max(1, halfLife.toSeconds());
        for (int i = 0; i < n; i++) {
          double age = Duration.between(touches.get(i).at(), convertedAt).toSeconds();
          weights[i] = Math.pow(0.5, age / halfLifeSeconds);
        }
      }
    }
    return weights;
  }

  /**
   * Six-decimal weights summing to exactly one: each share is rounded down, and the millionths left
   * over go one each to the shares with the largest remainders (the earlier share on a tie).
   */
  private static List<Share> normalised(Map<List<String>, Double> byKey) {
    double total = byKey.values().stream().mapToDouble(Double::doubleValue).sum();
    List<List<String>> keys = new ArrayList<>(byKey.keySet());
    List<BigDecimal> exact = new ArrayList<>();
    List<BigDecimal> floors = new ArrayList<>();
    BigDecimal sum = BigDecimal.ZERO;
    for (List<String> key : keys) {
      BigDecimal value = new BigDecimal(byKey.get(key) / total);
      BigDecimal floor = value.setScale(SCALE, RoundingMode.FLOOR);
      exact.add(value);
      floors.add(floor);
      sum = sum.add(floor);
    }
    BigDecimal unit = BigDecimal.ONE.movePointLeft(SCALE);
    int left = ONE.subtract(sum).divide(unit).intValue();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparing((Integer i) -> exact.get(i).subtract(floors.get(i)))
            .reversed()
            .thenComparing(i -> i));
    for (int k = 0; k < left; k++) {
      int i = order.get(k % order.size());
      floors.set(i, floors.get(i).add(unit));
    }
    List<Share> shares = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      shares.add(new Share(keys.get(i).get(0), keys.get(i).get(1), floors.get(i)));
    }
    return List.copyOf(shares);
  }
}
