package io.tutti.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;

/**
 * How request and response bodies of the REST endpoints are read: the application's own {@link
 * ObjectMapper}, refusing as a malformed body (400) two kinds of JSON that otherwise failed later
 * with a 500:
 *
 * <ul>
 *   <li>A field named twice in one object ({@code {"name": "a", "name": "b"}}). Jackson fails a
 *       record's creator property named twice with an {@code InvalidDefinitionException}, which
 *       Quarkus answers with a 500; and a key read one way here and another way by a proxy is a
 *       known route around a check. The parser's own detection makes it a {@code
 *       JsonParseException}, the 400 of any body that is not JSON.
 *   <li>A string holding U+0000, which no PostgreSQL text column stores ("invalid byte sequence for
 *       encoding UTF8: 0x00"): refused where it is read into a field, naming the field.
 * </ul>
 *
 * Only the REST layer reads with this copy: events, stored JSON and webhook payloads (parsed by
 * connectors itself, which strips NULs from platform text) keep the application's mapper.
 */
@Provider
public class StrictRequestJson implements ContextResolver<ObjectMapper> {

  private final ObjectMapper strict;

  public StrictRequestJson(ObjectMapper application) {
    this.strict = strict(application);
  }

  /** A copy of {@code mapper} that refuses duplicate fields and NUL in strings. */
  public static ObjectMapper strict(ObjectMapper mapper) {
    ObjectMapper copy = mapper.copy();
    copy.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    copy.registerModule(
        new SimpleModule("tutti-strict-strings").addDeserializer(String.class, new NoNulString()));
    return copy;
  }

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return strict;
  }

  /** Jackson's own string reading, then a refusal of any U+0000 in the value. */
  static final class NoNulString extends StdScalarDeserializer<String> {

    NoNulString() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String value = StringDeserializer.instance.deserialize(parser, context);
      if (value != null && value.indexOf('\u0000') >= 0) {
        throw InvalidFormatException.from(
            parser, "A string may not contain the NUL character (U+0000).", value, String.class);
      }
      return value;
    }
  }
}
