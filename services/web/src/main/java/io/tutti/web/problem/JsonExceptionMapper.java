package io.tutti.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/**
 * A body that is not the JSON the endpoint expects: 400, naming the field when Jackson knows it, in
 * words rather than Jackson's messages (which carry Java type names).
 */
@Provider
public class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {

  @Override
  public Response toResponse(JsonProcessingException exception) {
    return problem(exception).toResponse();
  }

  public static Problem problem(JsonProcessingException exception) {
    if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      return new Problem(
          Problem.type("malformed-body"),
          "Malformed body",
          400,
          "Field '" + field + "' has a value of the wrong type or shape.",
          java.util.List.of(new Problem.FieldError(field, "has the wrong type or shape")));
    }
    return new Problem(
        Problem.type("malformed-body"), "Malformed body", 400, "The body is not valid JSON.");
  }
}
