package io.tutti.web.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The framework's own refusals (no such route, wrong method, wrong content type, body too large)
 * answered as problems, with a type per status that clients can branch on.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException exception) {
    int status = exception.getResponse().getStatus();
    if (status >= 500) {
      return UnexpectedExceptionMapper.internalError(exception);
    }
    Response.StatusType statusType = Response.Status.fromStatusCode(status);
    String title = statusType == null ? "Request refused" : statusType.getReasonPhrase();
    return new Problem(Problem.type(slug(status)), title, status, detail(status)).toResponse();
  }

  private static String slug(int status) {
    return switch (status) {
      case 400 -> "bad-request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 409 -> "conflict";
      case 413 -> "payload-too-large";
      case 415 -> "unsupported-media-type";
      default -> "http-" + status;
    };
  }

  private static String detail(int status) {
    return switch (status) {
      case 400 -> "The request could not be read.";
      case 404 -> "Nothing is here.";
      case 405 -> "This resource does not accept that method.";
      case 406 -> "This resource cannot answer in the requested media type.";
      case 413 -> "The request body is larger than this endpoint accepts.";
      case 415 -> "This endpoint does not accept that content type.";
      default -> null;
    };
  }
}
