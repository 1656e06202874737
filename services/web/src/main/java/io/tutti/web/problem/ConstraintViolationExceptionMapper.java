package io.tutti.web.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/** Bean Validation failures on a request: a 400 listing each invalid field. */
@Provider
public class ConstraintViolationExceptionMapper
    implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException exception) {
    List<Problem.FieldError> errors =
        exception.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(field(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    return Problem.validation(errors).toResponse();
  }

  /** The request field's name, without the Java method and parameter the path starts with. */
  private static String field(ConstraintViolation<?> violation) {
    List<String> names =
        StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
            .filter(
                node ->
                    node.getKind() != jakarta.validation.ElementKind.METHOD
                        && node.getKind() != jakarta.validation.ElementKind.PARAMETER)
            .map(ConstraintViolationExceptionMapper::name)
            .toList();
    return names.isEmpty() ? "body" : String.join(".", names);
  }

  private static String name(Path.Node node) {
    return node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName();
  }
}
