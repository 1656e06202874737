package io.tutti.conversations.report;

import io.smallrye.mutiny.Uni;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.problem.Problem;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** What an agent lead watches: how fast the inbox answers and resolves, and how much comes in. */
@Path("/api/reports")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class ReportResource {

  static final int MAX_DAYS = 366;
  static final int DEFAULT_DAYS = 30;
  static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);
  static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

  private final ReportService reports;
  private final Caller caller;

  public ReportResource(ReportService reports, Caller caller) {
    this.reports = reports;
    this.caller = caller;
  }

  /**
   * {@code from} and {@code to} are days (YYYY-MM-DD, UTC, both included; by default the last 30
   * days up to today); {@code groupBy=channel} (default), {@code agent} or {@code team}.
   */
  @GET
  @Path("/inbox")
  public Uni<InboxReport> inbox(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("groupBy") String groupBy) {
    List<Problem.FieldError> errors = new ArrayList<>();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate end = day("to", to, today, errors);
    LocalDate start = day("from", from, end.minusDays(DEFAULT_DAYS - 1), errors);
    String group = groupBy == null || groupBy.isBlank() ? "channel" : groupBy.strip();
    if (!ReportService.GROUPS.containsKey(group)) {
      errors.add(new Problem.FieldError("groupBy", "must be channel, agent or team"));
    }
    if (errors.isEmpty() && start.isAfter(end)) {
      errors.add(new Problem.FieldError("from", "must not be after to"));
    }
    if (errors.isEmpty() && ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
      errors.add(new Problem.FieldError("from", "must be at most " + MAX_DAYS + " days before to"));
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors).exception();
    }
    return reports.inbox(caller.workspaceId(), start, end, group);
  }

  private static LocalDate day(
      String field, String value, LocalDate fallback, List<Problem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    LocalDate day;
    try {
      day = LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.add(new Problem.FieldError(field, "must be a day such as 2026-01-31"));
      return fallback;
    }
    // LocalDate goes to the years ±999,999,999, where the default range and the day after the
    // end overflow: a 500. No report asks for days before 1970 or after 9999.
    if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
      errors.add(new Problem.FieldError(field, "must be a day from 1970-01-01 to 9999-12-31"));
      return fallback;
    }
    return day;
  }
}
