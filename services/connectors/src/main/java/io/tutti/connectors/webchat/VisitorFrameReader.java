package io.tutti.connectors.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tutti.connectors.inbound.Text;
import java.util.regex.Pattern;

/**
 * Reads the frames a widget sends, strictly: a field of the wrong type or out of bounds is an
 * {@link InvalidFrameException} naming it, never a guess. Fields Tutti does not know are ignored,
 * so a newer widget still talks to an older server. Text read here is {@link Text#clean cleaned}.
 */
final class VisitorFrameReader {

  /** The shape of a widget's message id and of a visitor id, minus the length. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  static final int MAX_NAME = 200;
  static final int MAX_EMAIL = 320;
  static final int MAX_URL = 4096;
  static final int MAX_TITLE = 500;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final ObjectReader reader;
  private final int maxTextLength;

  VisitorFrameReader(ObjectMapper json, int maxTextLength) {
    this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.maxTextLength = maxTextLength;
  }

  VisitorFrame read(String frame) {
    JsonNode root;
    try {
      root = reader.readTree(frame);
    } catch (JsonProcessingException e) {
      throw new InvalidFrameException("malformed-json", null, "The frame is not valid JSON.");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidFrameException(
          "invalid-frame", null, "A frame is a JSON object with a type.");
    }
    JsonNode type = root.get("type");
    if (type == null || !type.isTextual()) {
      throw new InvalidFrameException("invalid-frame", null, "type must be a string.");
    }
    return switch (type.textValue()) {
      case "ping" -> new VisitorFrame.Ping();
      case "message" -> message(root);
      default ->
          throw new InvalidFrameException(
              "unknown-type", null, "Frames of type " + quoted(type.textValue()) + " are unknown.");
    };
  }

  private VisitorFrame.Message message(JsonNode root) {
    JsonNode idNode = root.get("id");
    if (idNode == null || idNode.isNull()) {
      throw new InvalidFrameException("missing-id", null, "A message needs an id.");
    }
    if (!idNode.isTextual() || !ID.matcher(idNode.textValue()).matches()) {
      throw new InvalidFrameException(
          "invalid-id", null, "id must be 1-64 characters of A-Z, a-z, 0-9, _ and -.");
    }
    String id = idNode.textValue();

    String text = string(root, "text", id);
    text = text == null ? null : text.strip();
    if (text == null || text.isEmpty()) {
      throw new InvalidFrameException("empty-text", id, "A message needs some text.");
    }
    if (text.length() > maxTextLength) {
      throw new InvalidFrameException(
          "text-too-long", id, "A message holds at most " + maxTextLength + " characters.");
    }

    String name = Text.blankToNull(strip(string(root, "name", id)));
    if (name != null && name.length() > MAX_NAME) {
      throw new InvalidFrameException(
          "invalid-field", id, "name holds at most " + MAX_NAME + " characters.");
    }
    String email = Text.blankToNull(strip(string(root, "email", id)));
    if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
      throw new InvalidFrameException("invalid-email", id, "email is not an email address.");
    }
    return new VisitorFrame.Message(id, text, name, email, page(root, id));
  }

  private static VisitorFrame.Page page(JsonNode root, String id) {
    JsonNode page = root.get("page");
    if (page == null || page.isNull()) {
      return null;
    }
    if (!page.isObject()) {
      throw new InvalidFrameException("invalid-field", id, "page must be an object.");
    }
    // Page details are for attribution only: an overlong one is cut rather than costing the
    // visitor their message.
    return new VisitorFrame.Page(
        cut(strip(string(page, "url", "page.url", id)), MAX_URL),
        cut(strip(string(page, "referrer", "page.referrer", id)), MAX_URL),
        cut(strip(string(page, "title", "page.title", id)), MAX_TITLE));
  }

  private static String string(JsonNode parent, String field, String id) {
    return string(parent, field, field, id);
  }

  private static String string(JsonNode parent, String field, String path, String id) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidFrameException("invalid-field", id, path + " must be a string.");
    }
    return Text.clean(node.textValue());
  }

  private static String strip(String value) {
    return value == null ? null : value.strip();
  }

  private static String cut(String value, int max) {
    String present = Text.blankToNull(value);
    if (present == null || present.length() <= max) {
      return present;
    }
    int end = Character.isHighSurrogate(present.charAt(max - 1)) ? max - 1 : max;
    return present.substring(0, end);
  }

  private static String quoted(String type) {
    String shown = type.length() > 40 ? type.substring(0, 40) + "…" : type;
    return "'" + Text.clean(shown) + "'";
  }
}
