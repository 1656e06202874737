package io.tutti.attribution.report;

import io.smallrye.mutiny.Uni;
import io.tutti.attribution.config.AttributionConfig;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.problem.Problem;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /api/attribution/report} (JSON, or CSV with {@code Accept: text/csv}) and {@code GET
 * /api/attribution/timeseries}: for sales reps and admins.
 */
@Path("/api/attribution")
@RolesAllowed({"sales", "admin"})
@RunsToCompletion
public class ReportResource {

  static final String CSV = "text/csv";

  private final ReportService reports;
  private final Caller caller;
  private final AttributionConfig config;

  public ReportResource(ReportService reports, Caller caller, AttributionConfig config) {
    this.reports = reports;
    this.caller = caller;
    this.config = config;
  }

  /**
   * The report as JSON, or as CSV (a header, one line per row, a last line of totals) when the
   * caller asks for {@code text/csv} before JSON; a caller accepting anything gets JSON.
   */
  @GET
  @Path("/report")
  @Produces({MediaType.APPLICATION_JSON, CSV})
  public Uni<Response> report(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("model") String model,
      @QueryParam("groupBy") String groupBy,
      @Context HttpHeaders headers) {
    boolean asCsv = prefersCsv(acceptable(headers));
    return reports
        .report(caller.workspaceId(), query(from, to, model, groupBy, null))
        .map(
            report ->
                asCsv
                    ? csvResponse(report)
                    : Response.ok(report, MediaType.APPLICATION_JSON).build());
  }

  /**
   * The Accept header's media types. An empty header ({@code Accept:} with no value) means what no
   * header means, anything: reading it unguarded threw and answered 500. One that is no list of
   * media types at all is the caller's mistake, a 400.
   */
  static List<MediaType> acceptable(HttpHeaders headers) {
    String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
    if (accept != null && accept.isBlank()) {
      return List.of(MediaType.WILDCARD_TYPE);
    }
    try {
      return headers.getAcceptableMediaTypes();
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(
              "The Accept header is not a list of media types, e.g. text/csv or application/json.")
          .exception();
    }
  }

  /** Whether the first acceptable type that is CSV or JSON is CSV (wildcards mean JSON). */
  static boolean prefersCsv(List<MediaType> acceptable) {
    for (MediaType type : acceptable) {
      if (type.isWildcardType() || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return false;
      }
      if (!type.isWildcardSubtype() && type.isCompatible(MediaType.valueOf(CSV))) {
        return true;
      }
    }
    return false;
  }

  private static Response csvResponse(AttributionReport report) {
    return Response.ok(csv(report), CSV + ";charset=UTF-8")
        .header(
            "Content-Disposition",
            "attachment; filename=\"attribution-"
                + report.model()
                + "-"
                + report.from()
                + "-"
                + report.to()
                + ".csv\"")
        .build();
  }

  @GET
  @Path("/timeseries")
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<TimeSeries> timeseries(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("model") String model,
      @QueryParam("groupBy") String groupBy,
      @QueryParam("interval") String interval) {
    return reports.timeseries(caller.workspaceId(), query(from, to, model, groupBy, interval));
  }

  private ReportQuery query(String from, String to, String model, String groupBy, String interval) {
    return ReportQuery.of(from, to, model, groupBy, interval, config.maxReportDays());
  }

  static String csv(AttributionReport report) {
    StringBuilder out = new StringBuilder();
    out.append(report.groupBy())
        .append(",sessions,contacts,qualified,sales,revenue_")
        .append(report.currency())
        .append("\r\n");
    for (ReportRow row : report.rows()) {
      line(out, cell(row.key()), row);
    }
    line(out, "total", report.totals());
    return out.toString();
  }

  private static void line(StringBuilder out, String key, ReportRow row) {
    out.append(key)
        .append(',')
        .append(row.sessions())
        .append(',')
        .append(plain(row.contacts()))
        .append(',')
        .append(plain(row.qualified()))
        .append(',')
        .append(plain(row.sales()))
        .append(',')
        .append(plain(row.revenue()))
        .append("\r\n");
  }

  private static String plain(BigDecimal value) {
    return value.toPlainString();
  }

  /**
   * A key as a CSV cell: quoted when it must be, and never read as a formula by a spreadsheet (a
   * campaign named {@code =HYPERLINK(...)} stays text).
   */
  static String cell(String value) {
    String text = value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      text = "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
