package io.tutti.web.problem;

import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A signed-in caller without the role an endpoint needs gets a problem, not an empty 403. */
@Provider
public class ForbiddenExceptionMapper implements ExceptionMapper<ForbiddenException> {

  @Override
  public Response toResponse(ForbiddenException exception) {
    return new Problem(
            Problem.type("forbidden"),
            "Forbidden",
            Response.Status.FORBIDDEN.getStatusCode(),
            "Your roles do not allow this request.")
        .toResponse();
  }
}
