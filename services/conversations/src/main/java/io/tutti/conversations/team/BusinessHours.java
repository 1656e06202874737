package io.tutti.conversations.team;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tutti.events.storage.DatabaseJsonFormat;
import io.tutti.web.problem.Problem;
import jakarta.persistence.AttributeConverter;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a team works: windows of weekdays and local times in the team's time zone. A team without
 * business hours works around the clock. Routing rules ask it whether a message came in business
 * hours and when the team is back.
 */
public final class BusinessHours {

  /** The days as the API names them, Monday first. */
  public static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)|24:00");
  private static final int DAY_MINUTES = 24 * 60;

  /**
   * One window, e.g. {@code {"days": ["mon", "tue"], "from": "09:00", "to": "18:00"}}: from {@code
   * from} until just before {@code to}, local time, on each of the days ({@code "24:00"} ends at
   * midnight). A window ends on the day it starts; a night shift is two windows.
   */
  public record Window(List<String> days, String from, String to) {

    boolean covers(DayOfWeek day, int minute) {
      return days.contains(DAYS.get(day.getValue() - 1))
          && minute >= minutes(from)
          && minute < minutes(to);
    }
  }

  private BusinessHours() {}

  /** Whether the team works at that instant; always, when it has no business hours. */
  public static boolean inBusinessHours(Team team, Instant at) {
    if (team.businessHours == null || team.businessHours.isEmpty()) {
      return true;
    }
    ZonedDateTime local = at.atZone(zone(team));
    int minute = local.getHour() * 60 + local.getMinute();
    return team.businessHours.stream().anyMatch(w -> w.covers(local.getDayOfWeek(), minute));
  }

  /**
   * When the team works next: {@code at} itself when it works then (or has no business hours), else
   * the start of its next window. Local times a clock change skips start at the first instant after
   * the gap.
   */
  public static Instant nextBusinessHoursStart(Team team, Instant at) {
    if (inBusinessHours(team, at)) {
      return at;
    }
    ZoneId zone = zone(team);
    LocalDate today = at.atZone(zone).toLocalDate();
    // Every window is on some weekday, so one comes within a week and a day.
    for (int offset = 0; offset <= 7; offset++) {
      LocalDate date = today.plusDays(offset);
      String day = DAYS.get(date.getDayOfWeek().getValue() - 1);
      Instant next = null;
      for (Window window : team.businessHours) {
        if (!window.days().contains(day)) {
          continue;
        }
        int from = minutes(window.from());
        Instant start = ZonedDateTime.of(date.atTime(from / 60, from % 60), zone).toInstant();
        if (start.isAfter(at) && (next == null || start.isBefore(next))) {
          next = start;
        }
      }
      if (next != null) {
        return next;
      }
    }
    throw new IllegalStateException("business hours of team " + team.id + " name no day");
  }

  /** The problems of a team's time zone and business hours, each naming its field. */
  static List<Problem.FieldError> check(String timeZone, List<Window> windows) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (timeZone != null && !ZoneId.getAvailableZoneIds().contains(timeZone.strip())) {
      errors.add(
          new Problem.FieldError(
              "timeZone", "is not an IANA time zone, such as Europe/Berlin or America/New_York"));
    }
    if (windows == null) {
      return errors;
    }
    if (!windows.isEmpty() && timeZone == null) {
      errors.add(
          new Problem.FieldError(
              "timeZone", "is required with businessHours: they are local times of the team"));
    }
    for (int i = 0; i < windows.size(); i++) {
      String field = "businessHours[" + i + "]";
      Window window = windows.get(i);
      if (window == null) {
        errors.add(new Problem.FieldError(field, "must be {days, from, to}"));
        continue;
      }
      if (window.days() == null || window.days().isEmpty()) {
        errors.add(new Problem.FieldError(field + ".days", "must name at least one day"));
      } else {
        for (String day : window.days()) {
          if (day == null || !DAYS.contains(day.strip().toLowerCase(Locale.ROOT))) {
            errors.add(
                new Problem.FieldError(
                    field + ".days", "'" + day + "' is not a day; days are " + DAYS));
          }
        }
      }
      boolean from = validTime(window.from(), false);
      boolean to = validTime(window.to(), true);
      if (!from) {
        errors.add(new Problem.FieldError(field + ".from", "must be a time HH:mm, 00:00 to 23:59"));
      }
      if (!to) {
        errors.add(new Problem.FieldError(field + ".to", "must be a time HH:mm, 00:01 to 24:00"));
      }
      if (from && to && minutes(window.to()) <= minutes(window.from())) {
        errors.add(
            new Problem.FieldError(
                field + ".to",
                "must be after from; a window that runs past midnight is two windows"));
      }
    }
    return errors;
  }

  /** The windows as stored: days lower-cased and in week order, without repeats. */
  static List<Window> normalise(List<Window> windows) {
    if (windows == null || windows.isEmpty()) {
      return null;
    }
    return windows.stream()
        .map(
            w -> {
              LinkedHashSet<String> days = new LinkedHashSet<>();
              for (String day : DAYS) {
                if (w.days().stream()
                    .anyMatch(d -> d.strip().toLowerCase(Locale.ROOT).equals(day))) {
                  days.add(day);
                }
              }
              return new Window(List.copyOf(days), w.from(), w.to());
            })
        .toList();
  }

  private static ZoneId zone(Team team) {
    return team.timeZone == null ? ZoneId.of("UTC") : ZoneId.of(team.timeZone);
  }

  private static boolean validTime(String value, boolean end) {
    if (value == null || !TIME.matcher(value).matches()) {
      return false;
    }
    int minutes = minutes(value);
    return end ? minutes > 0 : minutes < DAY_MINUTES;
  }

  private static int minutes(String time) {
    Matcher m = TIME.matcher(time);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a time: " + time);
    }
    return m.group(1) == null
        ? DAY_MINUTES
        : Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
  }

  /** Windows as JSON text (an array, which a jsonb column cannot give Hibernate Reactive). */
  @jakarta.persistence.Converter
  static class Converter implements AttributeConverter<List<Window>, String> {

    private static final TypeReference<List<Window>> TYPE = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(List<Window> windows) {
      return windows == null || windows.isEmpty() ? null : DatabaseJsonFormat.write(windows);
    }

    @Override
    public List<Window> convertToEntityAttribute(String json) {
      return json == null ? null : DatabaseJsonFormat.read(json, TYPE);
    }
  }
}
