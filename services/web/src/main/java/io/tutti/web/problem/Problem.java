package io.tutti.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 7807 problem: a stable {@code type} that clients branch on, a human {@code title}, the
 * HTTP {@code status} and a {@code detail} for this occurrence. Never carries exception names or
 * stack traces.
 *
 * @param errors one entry per invalid field when the request failed validation
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One invalid field: where it is in the request and what is wrong with it. */
  public record FieldError(String field, String message) {}

  public Problem(String type, String title, int status, String detail) {
    this(type, title, status, detail, List.of());
  }

  /** The problem type for a slug, e.g. {@code workspace-required}. */
  public static String type(String slug) {
    return "urn:tutti:problem:" + slug;
  }

  public static Problem badRequest(String detail) {
    return new Problem(type("bad-request"), "Bad request", 400, detail);
  }

  /** A 400 that lists each invalid field of the request. */
  public static Problem validation(List<FieldError> errors) {
    return new Problem(
        type("validation"),
        "Invalid request",
        400,
        errors.size() == 1
            ? errors.getFirst().field() + " " + errors.getFirst().message()
            : errors.size() + " fields are invalid",
        errors);
  }

  public static Problem notFound(String detail) {
    return new Problem(type("not-found"), "Not found", 404, detail);
  }

  public static Problem unauthorized(String slug, String detail) {
    return new Problem(type(slug), "Unauthorized", 401, detail);
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(this).build();
  }

  /** This problem, thrown: ends the request with it. */
  public ProblemException exception() {
    return new ProblemException(this);
  }
}
