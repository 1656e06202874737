package io.tutti.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Our own faults: logged in full under an id, answered with that id and nothing else, so no class
 * name, message or stack trace reaches a client. A failure because the database is down or
 * restarting is no fault of the request: a 503 with {@code Retry-After}, logged as a warning.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Throwable exception) {
    return internalError(exception);
  }

  /** Seconds a client is asked to wait before it sends the request again. */
  static final int RETRY_AFTER_SECONDS = 5;

  static Response internalError(Throwable exception) {
    if (DependencyDown.isCause(exception)) {
      return unavailable(exception);
    }
    String errorId = UUID.randomUUID().toString();
    LOG.errorf(exception, "Request failed unexpectedly (error id %s)", errorId);
    return new Problem(
            Problem.type("internal-error"),
            "Internal error",
            500,
            "Something went wrong on our side. Quote error id " + errorId + " when reporting it.")
        .toResponse();
  }

  private static Response unavailable(Throwable exception) {
    String errorId = UUID.randomUUID().toString();
    LOG.warnf(
        "Request failed: a service it needs is unavailable (error id %s): %s",
        errorId, exception.toString());
    return Response.fromResponse(
            new Problem(
                    Problem.type("service-unavailable"),
                    "Service unavailable",
                    503,
                    "A service this request needs is unavailable for a moment. Try again in "
                        + RETRY_AFTER_SECONDS
                        + " seconds (error id "
                        + errorId
                        + ").")
                .toResponse())
        .header("Retry-After", RETRY_AFTER_SECONDS)
        .build();
  }
}
