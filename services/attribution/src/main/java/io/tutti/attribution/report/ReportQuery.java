package io.tutti.attribution.report;

import io.tutti.attribution.model.Model;
import io.tutti.web.problem.Problem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The range, model and grouping a report asks for, checked. */
public record ReportQuery(
    LocalDate from, LocalDate to, Model model, String groupBy, String interval) {

  public static final String CHANNEL = "channel";
  public static final String CAMPAIGN = "campaign";

  public static ReportQuery of(
      String from, String to, String model, String groupBy, String interval, int maxDays) {
    List<Problem.FieldError> errors = new ArrayList<>();
    LocalDate start = date("from", from, errors);
    LocalDate end = date("to", to, errors);
    if (start != null && end != null) {
      if (end.isBefore(start)) {
        errors.add(new Problem.FieldError("to", "is before from"));
      } else if (ChronoUnit.DAYS.between(start, end) + 1 > maxDays) {
        errors.add(new Problem.FieldError("to", "is more than " + maxDays + " days after from"));
      }
    }
    Model chosen =
        model == null || model.isBlank() ? Model.LAST_TOUCH : Model.of(model).orElse(null);
    if (chosen == null) {
      errors.add(
          new Problem.FieldError(
              "model", "must be first_touch, last_touch, linear, u_shaped or time_decay"));
    }
    String grouping = groupBy == null || groupBy.isBlank() ? CHANNEL : groupBy;
    if (!grouping.equals(CHANNEL) && !grouping.equals(CAMPAIGN)) {
      errors.add(new Problem.FieldError("groupBy", "must be channel or campaign"));
    }
    String every = interval == null || interval.isBlank() ? "day" : interval;
    if (!every.equals("day") && !every.equals("week")) {
      errors.add(new Problem.FieldError("interval", "must be day or week"));
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors).exception();
    }
    return new ReportQuery(start, end, chosen, grouping, every);
  }

  private static LocalDate date(String field, String value, List<Problem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new Problem.FieldError(field, "is required (YYYY-MM-DD)"));
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new Problem.FieldError(field, "must be a date such as 2026-12-01"));
      return null;
    }
  }
}
