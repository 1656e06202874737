package io.tutti.attribution.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each model on journeys computed by hand. */
class AttributionModelTest {

  private static final Duration WEEK = Duration.ofDays(7);
  private static final Instant SALE = Instant.parse("2026-11-30T12:00:00Z");

  private static TouchPoint touch(String channel, long daysBefore, long order) {
    return new TouchPoint(channel, "", SALE.minus(Duration.ofDays(daysBefore)), order);
  }

  /** Five touches: instagram, search, email, facebook, direct (28, 21, 14, 7 and 0 days before). */
  private static final List<TouchPoint> FIVE =
      List.of(
          touch("instagram", 28, 0),
          touch("search", 21, 1),
          touch("email", 14, 2),
          touch("facebook", 7, 3),
          touch("direct", 0, 4));

  private static Map<String, String> credit(Model model, List<TouchPoint> touches) {
    return Attribution.credit(model, touches, SALE, WEEK).stream()
        .collect(Collectors.toMap(Share::channel, s -> s.weight().toPlainString()));
  }

  @ParameterizedTest
  @EnumSource(Model.class)
  void oneTouchTakesEverythingInEveryModel(Model model) {
    assertThat(credit(model, List.of(touch("whatsapp", 3, 0))))
        .containsExactly(Map.entry("whatsapp", "1.000000"));
  }

  @ParameterizedTest
  @EnumSource(Model.class)
  void noTouchIsDirect(Model model) {
    assertThat(credit(model, List.of())).containsExactly(Map.entry("direct", "1.000000"));
  }

  @Test
  void twoTouches() {
    List<TouchPoint> two = List.of(touch("instagram", 10, 0), touch("search", 3, 1));

    assertThat(credit(Model.FIRST_TOUCH, two)).containsOnly(Map.entry("instagram", "1.000000"));
    assertThat(credit(Model.LAST_TOUCH, two)).containsOnly(Map.entry("search", "1.000000"));
    assertThat(credit(Model.LINEAR, two))
        .containsOnly(Map.entry("instagram", "0.500000"), Map.entry("search", "0.500000"));
    assertThat(credit(Model.U_SHAPED, two))
        .containsOnly(Map.entry("instagram", "0.500000"), Map.entry("search", "0.500000"));
    // weights 2^(-10/7) = 0.371499 and 2^(-3/7) = 0.742997: shares 1/3 and 2/3
    assertThat(credit(Model.TIME_DECAY, two))
        .containsOnly(Map.entry("instagram", "0.333333"), Map.entry("search", "0.666667"));
  }

  @Test
  void fiveTouches() {
    assertThat(credit(Model.FIRST_TOUCH, FIVE)).containsOnly(Map.entry("instagram", "1.000000"));
    assertThat(credit(Model.LAST_TOUCH, FIVE)).containsOnly(Map.entry("direct", "1.000000"));
    assertThat(credit(Model.LINEAR, FIVE))
        .containsOnly(
            Map.entry("instagram", "0.200000"),
            Map.entry("search", "0.200000"),
            Map.entry("email", "0.200000"),
            Map.entry("facebook", "0.200000"),
            Map.entry("direct", "0.200000"));
    // 40 % first, 40 % last, 20 % shared by the three between
    assertThat(credit(Model.U_SHAPED, FIVE))
        .containsOnly(
            Map.entry("instagram", "0.400000"),
            Map.entry("search", "0.066667"),
            Map.entry("email", "0.066667"),
            Map.entry("facebook", "0.066666"),
            Map.entry("direct", "0.400000"));
    // weights 1/16, 1/8, 1/4, 1/2, 1 of a total of 31/16
    assertThat(credit(Model.TIME_DECAY, FIVE))
        .containsOnly(
            Map.entry("instagram", "0.032258"),
            Map.entry("search", "0.064516"),
            Map.entry("email", "0.129032"),
            Map.entry("facebook", "0.258065"),
            Map.entry("direct", "0.516129"));
  }

  @ParameterizedTest
  @EnumSource(Model.class)
  void sharesAlwaysSumToExactlyOne(Model model) {
    BigDecimal sum =
        Attribution.credit(model, FIVE, SALE, WEEK).stream()
            .map(Share::weight)
            .reduce(BigDecimal.ZERO, BigDecimal::add);

    assertThat(sum).isEqualByComparingTo("1");
  }

  @Test
  void touchesAfterTheConversionAreIgnored() {
    List<TouchPoint> touches =
        List.of(
            touch("instagram", 2, 0),
            new TouchPoint("search", "", SALE.plusSeconds(1), 1),
            new TouchPoint("email", "", SALE.plus(Duration.ofDays(3)), 2));

    assertThat(credit(Model.LAST_TOUCH, touches)).containsOnly(Map.entry("instagram", "1.000000"));
    assertThat(credit(Model.LINEAR, touches)).containsOnly(Map.entry("instagram", "1.000000"));
  }

  @Test
  void aTouchAtTheConversionsInstantCounts() {
    List<TouchPoint> touches =
        List.of(touch("instagram", 2, 0), new TouchPoint("sms", "", SALE, 1));

    assertThat(credit(Model.LAST_TOUCH, touches)).containsOnly(Map.entry("sms", "1.000000"));
  }

  @Test
  void touchesAtTheSameInstantKeepTheOrderTheyWereRecordedIn() {
    Instant same = SALE.minus(Duration.ofHours(1));
    List<TouchPoint> touches =
        List.of(new TouchPoint("search", "", same, 2), new TouchPoint("instagram", "", same, 1));

    assertThat(credit(Model.FIRST_TOUCH, touches)).containsOnly(Map.entry("instagram", "1.000000"));
    assertThat(credit(Model.LAST_TOUCH, touches)).containsOnly(Map.entry("search", "1.000000"));
  }

  @Test
  void touchesOfOneChannelAndCampaignAreOneShare() {
    List<TouchPoint> touches =
        List.of(touch("instagram", 9, 0), touch("search", 5, 1), touch("instagram", 1, 2));

    assertThat(credit(Model.LINEAR, touches))
        .containsOnly(Map.entry("instagram", "0.666667"), Map.entry("search", "0.333333"));
  }

  @Test
  void aLongerHalfLifeFlattensTimeDecay() {
    List<TouchPoint> two = List.of(touch("instagram", 14, 0), touch("search", 0, 1));

    assertThat(
            Attribution.credit(Model.TIME_DECAY, two, SALE, Duration.ofDays(14)).stream()
                .collect(Collectors.toMap(Share::channel, s -> s.weight().toPlainString())))
        .containsOnly(Map.entry("instagram", "0.333333"), Map.entry("search", "0.666667"));
  }
}
