package io.tutti.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Our own faults: logged in full under an id, answered with that id and nothing else, so no class
 * name, message or stack trace reaches a client.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Throwable exception) {
    return internalError(exception);
  }

  static Response internalError(Throwable exception) {
    String errorId = UUID.randomUUID().toString();
    LOG.errorf(exception, "Request failed unexpectedly (error id %s)", errorId);
    return new Problem(
            Problem.type("internal-error"),
            "Internal error",
            500,
            "Something went wrong on our side. Quote error id " + errorId + " when reporting it.")
        .toResponse();
  }
}
