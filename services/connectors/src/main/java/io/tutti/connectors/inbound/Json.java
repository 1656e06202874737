package io.tutti.connectors.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.web.problem.ProblemException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict reads of a platform's JSON: an absent field is null, a field of the wrong type is a 400
 * that names it. Text read here is already {@link Text#clean cleaned}.
 */
public final class Json {

  private Json() {}

  /** The body as one JSON value; anything else, trailing bytes included, is a 400. */
  public static JsonNode parse(ObjectMapper json, byte[] body) {
    requireUtf8(body);
    try {
      JsonNode root =
          json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
      if (root == null || root.isMissingNode()) {
        throw Webhooks.malformed("The body is empty.");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw Webhooks.malformed("The body is not valid JSON.");
    } catch (IOException e) {
      throw Webhooks.malformed("The body could not be read as JSON.");
    }
  }

  /** JSON on the wire is UTF-8 (RFC 8259); overlong forms and stray bytes are refused. */
  private static void requireUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException e) {
      throw Webhooks.malformed("The body is not valid UTF-8.");
    }
  }

  /** A field that must be a JSON string (not a number). */
  public static String requiredString(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw Webhooks.malformed(path + "." + field + " is required.");
    }
    if (!node.isTextual()) {
      throw wrongType(path, field, "a string");
    }
    return Text.clean(node.textValue());
  }

  public static List<JsonNode> array(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw wrongType(path, field, "an array");
    }
    List<JsonNode> items = new ArrayList<>(node.size());
    node.forEach(items::add);
    return items;
  }

  /** The items of an array field that must each be an object. */
  public static List<JsonNode> objects(JsonNode parent, String field, String path) {
    List<JsonNode> items = array(parent, field, path);
    for (int i = 0; i < items.size(); i++) {
      if (!items.get(i).isObject()) {
        throw wrongType(path, field + "[" + i + "]", "an object");
      }
    }
    return items;
  }

  public static JsonNode object(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw wrongType(path, field, "an object");
    }
    return node;
  }

  /** A text field; numbers are read as their text (platforms send some ids as numbers). */
  public static String text(JsonNode parent, String field, String path) {
    JsonNode node = parent == null ? null : parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return Text.clean(node.textValue());
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    throw wrongType(path, field, "a string");
  }

  public static String requiredText(JsonNode parent, String field, String path) {
    String value = text(parent, field, path);
    if (value == null || value.isEmpty()) {
      throw Webhooks.malformed(path + "." + field + " is required.");
    }
    return value;
  }

  public static boolean bool(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw wrongType(path, field, "true or false");
    }
    return node.booleanValue();
  }

  /** A whole number, given as a number or as digits in a string. */
  public static Long number(JsonNode parent, String field, String path) {
    JsonNode node = parent == null ? null : parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isTextual()) {
      try {
        return Long.parseLong(node.textValue().strip());
      } catch (NumberFormatException e) {
        // falls through to the type error
      }
    }
    throw wrongType(path, field, "a whole number");
  }

  /** An instant from epoch milliseconds, or now when absent or not a plausible time. */
  public static Instant epochMillis(Long millis) {
    return PlatformTime.ofEpochMillis(millis);
  }

  /** An instant from epoch seconds, or now when absent or not a plausible time. */
  public static Instant epochSeconds(Long seconds) {
    return PlatformTime.ofEpochSeconds(seconds);
  }

  private static ProblemException wrongType(String path, String field, String expected) {
    return Webhooks.malformed(path + "." + field + " must be " + expected + ".");
  }
}
