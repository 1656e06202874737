package io.tutti.conversations.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

  private static Team berlin(List<BusinessHours.Window> windows) {
    Team team = new Team();
    team.timeZone = "Europe/Berlin";
    team.businessHours = windows;
    return team;
  }

  private static final Team WEEKDAYS =
      berlin(
          List.of(
              new BusinessHours.Window(
                  List.of("mon", "tue", "wed", "thu", "fri"), "09:00", "18:00")));

  @Test
  void theHoursAreLocalToTheTeamsTimeZone() {
    // Monday 30 November 2026; Berlin is UTC+1 in winter.
    assertThat(BusinessHours.inBusinessHours(WEEKDAYS, Instant.parse("2026-11-30T07:59:59Z")))
        .isFalse();
    assertThat(BusinessHours.inBusinessHours(WEEKDAYS, Instant.parse("2026-11-30T08:00:00Z")))
        .isTrue();
    assertThat(BusinessHours.inBusinessHours(WEEKDAYS, Instant.parse("2026-11-30T16:59:59Z")))
        .isTrue();
    assertThat(BusinessHours.inBusinessHours(WEEKDAYS, Instant.parse("2026-11-30T17:00:00Z")))
        .isFalse();
    assertThat(BusinessHours.inBusinessHours(WEEKDAYS, Instant.parse("2026-12-05T10:00:00Z")))
        .isFalse();
  }

  @Test
  void theNextStartIsNowDuringHoursElseTheNextWindowAfterAWeekend() {
    Instant during = Instant.parse("2026-12-01T10:00:00Z");
    assertThat(BusinessHours.nextBusinessHoursStart(WEEKDAYS, during)).isEqualTo(during);
    assertThat(
            BusinessHours.nextBusinessHoursStart(WEEKDAYS, Instant.parse("2026-12-01T06:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    // Friday evening: Monday at nine.
    assertThat(
            BusinessHours.nextBusinessHoursStart(WEEKDAYS, Instant.parse("2026-12-04T18:30:00Z")))
        .isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
  }

  @Test
  void aWindowThatStartsInAClockChangesGapStartsAfterIt() {
    // 29 March 2026: Berlin's clocks jump from 02:00 to 03:00.
    Team sunday = berlin(List.of(new BusinessHours.Window(List.of("sun"), "02:30", "05:00")));

    assertThat(BusinessHours.nextBusinessHoursStart(sunday, Instant.parse("2026-03-28T12:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    assertThat(BusinessHours.inBusinessHours(sunday, Instant.parse("2026-03-29T02:30:00Z")))
        .isTrue();
  }

  @Test
  void aTeamWithoutBusinessHoursWorksAroundTheClock() {
    Team always = new Team();
    Instant night = Instant.parse("2026-12-06T03:00:00Z");

    assertThat(BusinessHours.inBusinessHours(always, night)).isTrue();
    assertThat(BusinessHours.nextBusinessHoursStart(always, night)).isEqualTo(night);
  }
}
