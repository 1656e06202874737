package io.tutti.bench.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The mutations of one case, drawn from the case's own random source, and the list of what was done
 * (the report's "mutations" column). Three levels:
 *
 * <ul>
 *   <li>JSON trees: a value of the wrong type, a removed or extra field, a huge or hostile string,
 *       a number no parser likes, a negative or far-future timestamp, deep nesting, an emptied or
 *       repeated array, a duplicated key.
 *   <li>Strings (query parameters, form values, path ids): the same hostile values as text.
 *   <li>Raw bytes, after serialisation: truncation, invalid UTF-8, NUL and control bytes, a BOM,
 *       trailing garbage, two documents in one, an empty or random body.
 * </ul>
 *
 * Values Jackson cannot hold in a tree (a 2,000-digit number, {@code NaN}, nesting 100,000 deep, a
 * key twice in one object) are written as placeholders and put in as raw text after serialisation,
 * so the generator itself never recurses deeply or rejects its own output.
 */
final class Mutator {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String RAW = "@@FUZZRAW";
  private static final String DUPLICATE = "@@FUZZDUP";
  private static final Set<String> TIME_FIELDS =
      Set.of(
          "time",
          "timestamp",
          "date",
          "edit_date",
          "forward_date",
          "watermark",
          "occurredAt",
          "snoozeUntil",
          "from",
          "to");

  private static final List<String> HOSTILE =
      List.of(
          "",
          " ",
          "\u0000",
          "nul\u0000in\u0000the\u0000middle",
          "\u0001\u0002\u0007\b\u001b[31mred\u001b[0m\u007f",
          "\r\n\r\nX-Injected: yes",
          "\uFEFFbom",
          "\uFFFE\uFFFF",
          "\u202Eevil\u202C \u200B\u200C\u200D\u2060",
          "𝕱𝖚𝖟𝖟 🧨🧨🧨 👨‍👩‍👧‍👦 🏳️‍🌈",
          "e" + "\u0301".repeat(2000),
          "漢字かなカナ한국어العربيةעברית",
          "' OR 1=1; --",
          "\"; DROP TABLE message; --",
          "${jndi:ldap://127.0.0.1:1/x}",
          "<script>alert(1)</script>",
          "%s%s%s%n%x",
          "../../../../etc/passwd",
          "%00%2e%2e%2f",
          "null",
          "true",
          "NaN",
          "-0",
          "1e309",
          "9223372036854775808",
          "2026-13-45T25:61:61Z",
          "0000-00-00",
          "-999999999-01-01T00:00:00Z",
          "00000000-0000-0000-0000-000000000000",
          "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ",
          "a@",
          "@",
          "+",
          "\\u0000",
          "\\",
          "{}",
          "[]",
          "\uD83D\uDE00".repeat(5000));

  private static final List<String> NUMBERS =
      List.of(
          "0",
          "-1",
          "-0",
          "1.5",
          "1E2",
          "2147483648",
          "-2147483649",
          "9223372036854775808",
          "-9223372036854775809",
          "99999999999999999999999999999999999999",
          "1e400",
          "-1e400",
          "0.0000000000000000000000000000001",
          "4.9e-325",
          "NaN",
          "Infinity",
          "-Infinity",
          "01",
          "1.",
          "0x1F",
          "9".repeat(2000));

  private static final List<String> TIMES =
      List.of(
          "-1",
          "0",
          "-99999999999",
          "-9223372036854775808",
          "9223372036854775807",
          "253402300800000",
          "1e20",
          "\"-1\"",
          "\"\"",
          "\"yesterday\"",
          "\"1697043223.5\"",
          "\"2026-02-30T00:00:00Z\"",
          "\"+1000000000-01-01T00:00:00Z\"",
          "null",
          "1.5");

  private final SplittableRandom random;
  private final List<String> applied = new ArrayList<>();
  private final Map<String, String> raw = new LinkedHashMap<>();

  Mutator(SplittableRandom random) {
    this.random = random;
  }

  // ---- chance -------------------------------------------------------------------------------

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  int between(int from, int toExclusive) {
    return random.nextInt(from, toExclusive);
  }

  <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  void note(String what) {
    applied.add(what);
  }

  /** What was done, in order; {@code none} for an unchanged request. */
  String describe() {
    return applied.isEmpty() ? "none" : String.join(",", applied);
  }

  // ---- values -------------------------------------------------------------------------------

  /** A hostile string: one of the classics, or a huge one. */
  String hostileString() {
    if (chance(0.08)) {
      return hugeString();
    }
    return pick(HOSTILE);
  }

  /** Mostly 10 to 64 thousand characters, some up to 400,000, a few just over the 1 MB limit. */
  String hugeString() {
    double size = random.nextDouble();
    int length =
        size < 0.05
            ? between(1_048_577, 1_100_000)
            : size < 0.3 ? between(65_536, 400_000) : between(10_000, 65_536);
    char unit = pick(List.of('A', 'é', '漢', ' '));
    char[] text = new char[length];
    Arrays.fill(text, unit);
    return new String(text);
  }

  /** A raw numeric token, some of them not JSON at all. */
  String hostileNumber() {
    return pick(NUMBERS);
  }

  /** Text nested {@code depth} deep: arrays, objects, or both in turn. */
  String nesting() {
    int depth = pick(List.of(64, 999, 1001, 5000, 20_000));
    int shape = between(0, 3);
    StringBuilder text = new StringBuilder(depth * 6);
    for (int i = 0; i < depth; i++) {
      text.append(shape == 0 || (shape == 2 && i % 2 == 0) ? "[" : "{\"a\":");
    }
    text.append("1");
    for (int i = depth - 1; i >= 0; i--) {
      text.append(shape == 0 || (shape == 2 && i % 2 == 0) ? "]" : "}");
    }
    return text.toString();
  }

  /** A node of another type than {@code original}. */
  JsonNode otherType(JsonNode original) {
    for (int attempt = 0; attempt < 8; attempt++) {
      JsonNode candidate =
          switch (between(0, 8)) {
            case 0 -> NODES.textNode(hostileString());
            case 1 -> rawNode(hostileNumber());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.booleanNode(chance(0.5));
            case 4 -> NODES.nullNode();
            case 5 -> NODES.objectNode();
            case 6 -> NODES.arrayNode();
            default -> {
              ArrayNode array = NODES.arrayNode();
              array.add(original == null ? NODES.nullNode() : original.deepCopy());
              array.add(NODES.textNode(pick(HOSTILE)));
              yield array;
            }
          };
      if (original == null || candidate.getNodeType() != original.getNodeType()) {
        return candidate;
      }
    }
    return NODES.nullNode();
  }

  /** A placeholder that {@link #write} replaces by {@code token} exactly. */
  JsonNode rawNode(String token) {
    String key = RAW + raw.size() + "@@";
    raw.put("\"" + key + "\"", token);
    return NODES.textNode(key);
  }

  // ---- trees --------------------------------------------------------------------------------

  /** A place in a tree: a field of an object or an element of an array. */
  private record Slot(JsonNode container, String field, int index) {

    JsonNode get() {
      return container.isObject() ? container.get(field) : container.get(index);
    }

    void set(JsonNode value) {
      if (container instanceof ObjectNode object) {
        object.set(field, value);
      } else {
        ((ArrayNode) container).set(index, value);
      }
    }

    void remove() {
      if (container instanceof ObjectNode object) {
        object.remove(field);
      } else {
        ((ArrayNode) container).remove(index);
      }
    }

    String name() {
      return container.isObject() ? field : "[" + index + "]";
    }
  }

  /** {@code count} tree mutations on {@code root}, in place; the root itself may be replaced. */
  JsonNode mutateTree(JsonNode root, int count) {
    JsonNode current = root;
    for (int i = 0; i < count; i++) {
      current = mutateOnce(current);
    }
    return current;
  }

  private JsonNode mutateOnce(JsonNode root) {
    List<Slot> slots = slots(root);
    if (slots.isEmpty() || chance(0.03)) {
      note("root-type");
      return otherType(root);
    }
    Slot slot = pick(slots);
    JsonNode value = slot.get();
    int operation = between(0, 12);
    switch (operation) {
      case 0, 1 -> {
        note("wrong-type:" + slot.name());
        slot.set(otherType(value));
      }
      case 2, 3 -> {
        note("missing:" + slot.name());
        slot.remove();
      }
      case 4 -> {
        ObjectNode object = objectIn(root, slot);
        if (object != null) {
          String name = chance(0.5) ? pick(HOSTILE) : "extra_" + between(0, 1000);
          note("extra-field");
          object.set(name, chance(0.5) ? NODES.textNode(pick(HOSTILE)) : otherType(null));
        } else {
          note("null:" + slot.name());
          slot.set(NODES.nullNode());
        }
      }
      case 5 -> {
        note("hostile-string:" + slot.name());
        slot.set(NODES.textNode(hostileString()));
      }
      case 6 -> {
        note("hostile-number:" + slot.name());
        slot.set(rawNode(hostileNumber()));
      }
      case 7 -> {
        Slot time = timeSlot(slots);
        note("bad-time:" + (time == null ? slot.name() : time.name()));
        (time == null ? slot : time).set(rawNode(pick(TIMES)));
      }
      case 8 -> {
        note("deep-nesting:" + slot.name());
        slot.set(rawNode(nesting()));
      }
      case 9 -> {
        if (value != null && value.isContainerNode()) {
          note("emptied:" + slot.name());
          slot.set(value.isArray() ? NODES.arrayNode() : NODES.objectNode());
        } else {
          note("null:" + slot.name());
          slot.set(NODES.nullNode());
        }
      }
      case 10 -> {
        ArrayNode array = arrayIn(slots);
        // Copies of a small element only: a body stays near the platforms' sizes, not 100 MB.
        if (array != null && !array.isEmpty() && array.get(0).toString().length() < 4_096) {
          int copies = pick(List.of(2, 10, 200));
          note("repeated-element:x" + copies);
          JsonNode first = array.get(0);
          for (int c = 1; c < copies; c++) {
            array.add(first.deepCopy());
          }
        } else {
          note("wrong-type:" + slot.name());
          slot.set(otherType(value));
        }
      }
      default -> {
        ObjectNode object = objectIn(root, slot);
        if (object != null && object.size() > 0) {
          String existing = object.fieldNames().next();
          String key = DUPLICATE + raw.size() + "@@";
          raw.put("\"" + key + "\"", JSON.valueToTree(existing).toString());
          note("duplicate-key:" + existing);
          object.set(key, otherType(object.get(existing)));
        } else {
          note("wrong-type:" + slot.name());
          slot.set(otherType(value));
        }
      }
    }
    return root;
  }

  private ObjectNode objectIn(JsonNode root, Slot slot) {
    JsonNode value = slot.get();
    if (value instanceof ObjectNode object) {
      return object;
    }
    if (slot.container() instanceof ObjectNode object) {
      return object;
    }
    return root instanceof ObjectNode object ? object : null;
  }

  private ArrayNode arrayIn(List<Slot> slots) {
    List<ArrayNode> arrays = new ArrayList<>();
    for (Slot slot : slots) {
      if (slot.get() instanceof ArrayNode array) {
        arrays.add(array);
      }
    }
    return arrays.isEmpty() ? null : pick(arrays);
  }

  private Slot timeSlot(List<Slot> slots) {
    List<Slot> times = new ArrayList<>();
    for (Slot slot : slots) {
      if (slot.container().isObject() && TIME_FIELDS.contains(slot.field())) {
        times.add(slot);
      }
    }
    return times.isEmpty() ? null : pick(times);
  }

  private static List<Slot> slots(JsonNode root) {
    List<Slot> slots = new ArrayList<>();
    List<JsonNode> pending = new ArrayList<>(List.of(root));
    while (!pending.isEmpty() && slots.size() < 2_000) {
      JsonNode node = pending.removeLast();
      if (node.isObject()) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          slots.add(new Slot(node, name, -1));
          pending.add(node.get(name));
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          slots.add(new Slot(node, null, i));
          pending.add(node.get(i));
        }
      }
    }
    return slots;
  }

  /** The tree as JSON text, placeholders replaced by their raw tokens. */
  String write(JsonNode root) {
    String text;
    try {
      text = JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    for (var placeholder : raw.entrySet()) {
      // The first occurrence only: an array repeated after the placeholder went in holds copies
      // of it, and 200 copies of 100 KB of nesting would make a body no platform sends.
      int at = text.indexOf(placeholder.getKey());
      if (at >= 0) {
        text =
            text.substring(0, at)
                + placeholder.getValue()
                + text.substring(at + placeholder.getKey().length());
      }
    }
    return text;
  }

  // ---- bytes --------------------------------------------------------------------------------

  /** One byte-level mutation of a serialised body. */
  byte[] mutateBytes(byte[] body) {
    int operation = between(0, 11);
    switch (operation) {
      case 0, 1 -> {
        int at = body.length == 0 ? 0 : between(0, body.length);
        note("truncated@" + at);
        return Arrays.copyOf(body, at);
      }
      case 2 -> {
        byte[] bad = pick(INVALID_UTF8);
        note("invalid-utf8");
        return insert(body, insideString(body), bad);
      }
      case 3 -> {
        note("raw-nul");
        return insert(body, insideString(body), new byte[] {0, 0});
      }
      case 4 -> {
        note("raw-control");
        return insert(body, insideString(body), new byte[] {'\n', 1, '\t', 0x1b, '\r'});
      }
      case 5 -> {
        note("bom");
        return insert(body, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      case 6 -> {
        note("trailing-garbage");
        return concat(body, pick(TRAILERS).getBytes(StandardCharsets.UTF_8));
      }
      case 7 -> {
        note("two-documents");
        return concat(body, body);
      }
      case 8 -> {
        note("empty-body");
        return new byte[0];
      }
      case 9 -> {
        int length = between(1, 4096);
        byte[] garbage = new byte[length];
        for (int i = 0; i < length; i++) {
          garbage[i] = (byte) random.nextInt(256);
        }
        note("random-bytes:" + length);
        return garbage;
      }
      default -> {
        note("lone-surrogate-escape");
        return insert(
            body, insideString(body), pick(SURROGATES).getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

  private static final List<byte[]> INVALID_UTF8 =
      List.of(
          new byte[] {(byte) 0xC3, 0x28},
          new byte[] {(byte) 0xFF, (byte) 0xFE},
          new byte[] {(byte) 0xC0, (byte) 0xAF},
          new byte[] {(byte) 0x80},
          new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          new byte[] {(byte) 0xE2, (byte) 0x82});

  private static final List<String> TRAILERS =
      List.of("}", "]", ",", "garbage", "\u0000", "\n{\"x\":1}", "/*", "// comment");

  private static final List<String> SURROGATES =
      List.of("\\ud800", "\\udfff", "\\ud83d", "\\ude00\\ud83d", "\\uZZZZ", "\\u12");

  /** A position just after a quote, so an insertion lands inside a JSON string where possible. */
  private int insideString(byte[] body) {
    List<Integer> quotes = new ArrayList<>();
    for (int i = 0; i < body.length && quotes.size() < 500; i++) {
      if (body[i] == '"') {
        quotes.add(i + 1);
      }
    }
    if (quotes.isEmpty()) {
      return body.length == 0 ? 0 : between(0, body.length);
    }
    return pick(quotes);
  }

  static byte[] insert(byte[] body, int at, byte[] extra) {
    byte[] result = new byte[body.length + extra.length];
    System.arraycopy(body, 0, result, 0, at);
    System.arraycopy(extra, 0, result, at, extra.length);
    System.arraycopy(body, at, result, at + extra.length, body.length - at);
    return result;
  }

  static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + second.length);
    out.writeBytes(first);
    out.writeBytes(second);
    return out.toByteArray();
  }
}
