package io.tutti.web.problem;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A body field of the wrong type ({@code "snoozeUntil": "tomorrow"}) as the same problem+json as
 * any other malformed body. Quarkus registers its own mapper for exactly this exception, which is
 * more specific than the shared {@link JsonExceptionMapper} and answers plain JSON naming Java
 * classes; this one takes precedence over it.
 */
public class MismatchedInputExceptionMapper {

  @ServerExceptionMapper
  public Response toResponse(MismatchedInputException exception) {
    return JsonExceptionMapper.problem(exception).toResponse();
  }
}
