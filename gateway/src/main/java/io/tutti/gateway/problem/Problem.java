package io.tutti.gateway.problem;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 7807 problem: a stable {@code type} that clients branch on, a human {@code title}, the
 * HTTP {@code status} and a {@code detail} for this occurrence. Never carries exception names or
 * stack traces.
 */
public record Problem(String type, String title, int status, String detail) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** The problem type for a slug, e.g. {@code workspace-required}. */
  public static String type(String slug) {
    return "urn:tutti:problem:" + slug;
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(this).build();
  }
}
