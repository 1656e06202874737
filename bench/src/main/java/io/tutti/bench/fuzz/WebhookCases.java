package io.tutti.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Webhook cases for every channel with a public POST: Meta's (Instagram, Messenger, WhatsApp) JSON
 * with {@code X-Hub-Signature-256}, Twilio's form with {@code X-Twilio-Signature}, Telegram's JSON
 * with {@code X-Telegram-Bot-Api-Secret-Token}, the email route's raw RFC 5322 message with its
 * bearer secret, and {@code /track} (the website's page views; the website chat itself is a
 * WebSocket, not a POST). Each starts from a real platform payload, is mutated, and is then signed
 * over its final bytes ({@link #SIGNED_SHARE} of them) so that it reaches the parsers; the rest
 * carry a wrong, malformed or missing signature.
 */
final class WebhookCases {

  /** Share of webhook cases that carry the right signature for their final bytes. */
  static final double SIGNED_SHARE = 0.85;

  /** Share whose body is left as the platform sent it (still signed): the happy path, for scale. */
  static final double UNCHANGED_SHARE = 0.05;

  private final Fixtures fixtures;
  private final FuzzTargets targets;

  WebhookCases(Fixtures fixtures, FuzzTargets targets) {
    this.fixtures = fixtures;
    this.targets = targets;
  }

  /** What a webhook case consists of before it becomes a {@link FuzzCase}. */
  record Draft(
      String method, String target, Map<String, String> headers, byte[] body, FuzzCase.Auth auth) {}

  Draft meta(Category category, Mutator mutator) {
    String channel = category.name().toLowerCase(Locale.ROOT);
    FuzzTargets.Inbox inbox = targets.inbox(channel);
    if (mutator.chance(0.08)) {
      return metaHandshake(inbox, mutator);
    }
    Fixtures.Fixture fixture = mutator.pick(fixtures.of(channel));
    JsonNode root = retarget(parse(fixture), accountOf(channel, parse(fixture)), inbox.accountId());
    mutator.note(fixture.name());
    byte[] body = jsonBody(root, mutator);
    Map<String, String> headers = new LinkedHashMap<>();
    contentType(headers, mutator, "application/json");
    FuzzCase.Auth auth = FuzzCase.Auth.VALID;
    if (mutator.chance(SIGNED_SHARE)) {
      headers.put(
          "X-Hub-Signature-256", maybeUpperCase(Signing.meta(inbox.secret(), body), mutator));
    } else {
      auth = FuzzCase.Auth.INVALID;
      String bad =
          switch (mutator.between(0, 8)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> Signing.meta("not-the-app-secret", body);
            case 3 -> Signing.meta(inbox.secret(), body).substring("sha256=".length());
            case 4 -> "sha1=" + Signing.meta(inbox.secret(), body).substring(7, 47);
            case 5 -> "sha256=" + "zz".repeat(32);
            case 6 -> "sha256=" + "a".repeat(mutator.pick(List.of(0, 63, 65, 9000)));
            default -> Signing.meta(inbox.secret(), mutated(body));
          };
      mutator.note("bad-signature");
      if (bad != null) {
        headers.put("X-Hub-Signature-256", bad);
      }
    }
    return new Draft("POST", inbox.webhookPath(), headers, body, auth);
  }

  private Draft metaHandshake(FuzzTargets.Inbox inbox, Mutator mutator) {
    Map<String, String> query = new LinkedHashMap<>();
    boolean right = mutator.chance(0.5);
    if (!mutator.chance(0.1)) {
      query.put("hub.mode", mutator.chance(0.7) ? "subscribe" : shorter(mutator.hostileString()));
    }
    if (!mutator.chance(0.1)) {
      query.put("hub.verify_token", right ? inbox.verifyToken() : shorter(mutator.hostileString()));
    }
    if (!mutator.chance(0.1)) {
      query.put(
          "hub.challenge", mutator.chance(0.5) ? "1158201444" : shorter(mutator.hostileString()));
    }
    mutator.note("handshake");
    return new Draft(
        "GET",
        inbox.webhookPath() + Query.encode(query),
        Map.of(),
        new byte[0],
        right ? FuzzCase.Auth.VALID : FuzzCase.Auth.INVALID);
  }

  Draft telegram(Mutator mutator) {
    FuzzTargets.Inbox inbox = targets.inbox("telegram");
    Fixtures.Fixture fixture = mutator.pick(fixtures.of("telegram"));
    mutator.note(fixture.name());
    byte[] body = jsonBody(parse(fixture), mutator);
    Map<String, String> headers = new LinkedHashMap<>();
    contentType(headers, mutator, "application/json");
    FuzzCase.Auth auth = FuzzCase.Auth.VALID;
    if (mutator.chance(SIGNED_SHARE)) {
      headers.put("X-Telegram-Bot-Api-Secret-Token", inbox.secret());
    } else {
      auth = FuzzCase.Auth.INVALID;
      mutator.note("bad-secret");
      String bad =
          mutator.pick(
              List.of(
                  "",
                  "wrong-secret",
                  inbox.secret() + "x",
                  inbox.secret().toUpperCase(Locale.ROOT) + "-",
                  "x".repeat(4096)));
      if (!bad.isEmpty() || mutator.chance(0.5)) {
        headers.put("X-Telegram-Bot-Api-Secret-Token", bad);
      }
    }
    return new Draft("POST", inbox.webhookPath(), headers, body, auth);
  }

  Draft twilio(Mutator mutator) {
    FuzzTargets.Inbox inbox = targets.inbox("sms");
    Fixtures.Fixture fixture = mutator.pick(fixtures.of("twilio"));
    mutator.note(fixture.name());
    List<Map.Entry<String, String>> params = new ArrayList<>(Form.parse(fixture.text()));
    params.replaceAll(
        param ->
            param.getKey().equals("AccountSid")
                ? Map.entry("AccountSid", inbox.accountId())
                : param);
    if (!mutator.chance(UNCHANGED_SHARE)) {
      int count = mutator.between(1, 4);
      for (int i = 0; i < count; i++) {
        mutateForm(params, mutator);
      }
    }
    byte[] body = Form.encode(params).getBytes(StandardCharsets.UTF_8);
    if (mutator.chance(0.2)) {
      body = formBytes(body, mutator);
    }
    String query = "";
    if (mutator.chance(0.05)) {
      query = Query.encode(Map.of("fuzz", shorter(mutator.hostileString())));
      mutator.note("query");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    contentType(headers, mutator, "application/x-www-form-urlencoded");
    // Signed over what the server will read from these bytes, as Twilio signs what it sent.
    List<Map.Entry<String, String>> sent = Form.parse(new String(body, StandardCharsets.UTF_8));
    String url = inbox.webhookUrl() + query;
    FuzzCase.Auth auth = FuzzCase.Auth.VALID;
    if (mutator.chance(SIGNED_SHARE)) {
      headers.put("X-Twilio-Signature", Signing.twilio(inbox.secret(), url, sent));
    } else {
      auth = FuzzCase.Auth.INVALID;
      mutator.note("bad-signature");
      String bad =
          switch (mutator.between(0, 5)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> Signing.twilio("not-the-auth-token", url, sent);
            case 3 -> Signing.twilio(inbox.secret(), url + "/other", sent);
            default -> "!!!not base64!!!";
          };
      if (bad != null) {
        headers.put("X-Twilio-Signature", bad);
      }
    }
    return new Draft("POST", inbox.webhookPath() + query, headers, body, auth);
  }

  Draft email(Mutator mutator) {
    FuzzTargets.Inbox inbox = targets.inbox("email");
    Fixtures.Fixture fixture = mutator.pick(fixtures.of("email"));
    mutator.note(fixture.name());
    byte[] body = fixture.bytes();
    if (!mutator.chance(UNCHANGED_SHARE)) {
      body = EmailMutations.mutate(fixture.text(), mutator);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    contentType(headers, mutator, "message/rfc822");
    FuzzCase.Auth auth = FuzzCase.Auth.VALID;
    if (mutator.chance(SIGNED_SHARE)) {
      headers.put("Authorization", (mutator.chance(0.1) ? "bearer  " : "Bearer ") + inbox.secret());
    } else {
      auth = FuzzCase.Auth.INVALID;
      mutator.note("bad-secret");
      String bad =
          mutator.pick(
              List.of(
                  "",
                  "Bearer",
                  "Bearer ",
                  "Basic " + inbox.secret(),
                  "Bearer wrong-secret",
                  "Bearer " + inbox.secret() + "x",
                  "Bearer " + "x".repeat(6000)));
      if (!bad.isEmpty() || mutator.chance(0.5)) {
        headers.put("Authorization", bad);
      }
    }
    return new Draft("POST", inbox.webhookPath(), headers, body, auth);
  }

  Draft track(Mutator mutator) {
    ObjectNode event = Mutator.JSON.createObjectNode();
    boolean identify = mutator.chance(0.3);
    event.put("type", identify ? "identify" : "page");
    event.put("anonymousId", "fuzz-visitor-" + mutator.between(0, 50));
    event.put("url", "https://shop.example/products/linen-shirt?utm_source=instagram");
    event.put("referrer", "https://l.instagram.com/");
    event.put("title", "Linen shirt");
    if (identify) {
      ObjectNode traits = event.putObject("traits");
      traits.put("email", "fuzz-visitor@example.com");
      traits.put("name", "Fuzz Visitor");
    }
    byte[] body = jsonBody(event, mutator);
    Map<String, String> headers = new LinkedHashMap<>();
    contentType(headers, mutator, mutator.chance(0.5) ? "application/json" : "text/plain");
    FuzzCase.Auth auth = FuzzCase.Auth.VALID;
    String key = targets.siteKey();
    if (!mutator.chance(SIGNED_SHARE)) {
      auth = FuzzCase.Auth.INVALID;
      mutator.note("bad-site-key");
      key =
          mutator.pick(
              List.of("", "short", "site_unknown_000000000", shorter(mutator.hostileString())));
    }
    Map<String, String> query = new LinkedHashMap<>();
    if (!key.isEmpty() || mutator.chance(0.5)) {
      query.put("key", key);
    }
    return new Draft("POST", "/track" + Query.encode(query), headers, body, auth);
  }

  // ---- shared -------------------------------------------------------------------------------

  /** Tree and byte mutations of a JSON body, or none for the unchanged share. */
  private static byte[] jsonBody(JsonNode root, Mutator mutator) {
    if (mutator.chance(UNCHANGED_SHARE)) {
      return mutator.write(root).getBytes(StandardCharsets.UTF_8);
    }
    JsonNode mutated = mutator.mutateTree(root, mutator.between(1, 4));
    byte[] body = mutator.write(mutated).getBytes(StandardCharsets.UTF_8);
    return mutator.chance(0.25) ? mutator.mutateBytes(body) : body;
  }

  /** Mostly the platform's own content type; now and then a wrong, odd or missing one. */
  private static void contentType(Map<String, String> headers, Mutator mutator, String right) {
    if (mutator.chance(0.9)) {
      headers.put("Content-Type", mutator.chance(0.2) ? right + "; charset=utf-8" : right);
      return;
    }
    mutator.note("content-type");
    String wrong =
        mutator.pick(
            List.of(
                "",
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "application/json",
                "multipart/form-data",
                "multipart/form-data; boundary=",
                "application/json; charset=ebcdic",
                "image/png",
                "*/*",
                ";;;",
                "application/json; charset=\"utf-8"));
    if (!wrong.isEmpty()) {
      headers.put("Content-Type", wrong);
    }
  }

  private static String maybeUpperCase(String signature, Mutator mutator) {
    // Hex is case-insensitive; Meta sends lower case, a proxy may not.
    return mutator.chance(0.05) ? signature.toUpperCase(Locale.ROOT) : signature;
  }

  private static byte[] mutated(byte[] body) {
    return Mutator.concat(body, new byte[] {' '});
  }

  private static String shorter(String text) {
    return text.length() > 2000 ? text.substring(0, 2000) : text;
  }

  private static JsonNode parse(Fixtures.Fixture fixture) {
    try {
      return Mutator.JSON.readTree(fixture.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException("fixture " + fixture.name() + " is not JSON", e);
    }
  }

  /** The platform account a Meta fixture is addressed to: the page, IG account or phone id. */
  private static String accountOf(String channel, JsonNode root) {
    JsonNode entry = root.path("entry").path(0);
    return channel.equals("whatsapp")
        ? entry
            .path("changes")
            .path(0)
            .path("value")
            .path("metadata")
            .path("phone_number_id")
            .asText()
        : entry.path("id").asText();
  }

  /**
   * The fixture re-addressed to the fuzz inbox's account, so that nothing it carries is routed to a
   * demo inbox that happens to hold the fixture's account id.
   */
  static JsonNode retarget(JsonNode node, String from, String to) {
    if (from.isEmpty() || to == null) {
      return node;
    }
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        var field = fields.next();
        if (field.getValue().isTextual() && field.getValue().asText().equals(from)) {
          field.setValue(TextNode.valueOf(to));
        } else {
          retarget(field.getValue(), from, to);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> retarget(element, from, to));
    }
    return node;
  }

  private static void mutateForm(List<Map.Entry<String, String>> params, Mutator mutator) {
    int operation = mutator.between(0, 7);
    if (params.isEmpty()) {
      operation = 1;
    }
    switch (operation) {
      case 0 -> {
        var removed = params.remove(mutator.between(0, params.size()));
        mutator.note("missing:" + removed.getKey());
      }
      case 1 -> {
        String name =
            mutator.pick(
                List.of("MediaUrl0", "MediaContentType0", "NumMedia", "Extra", "MediaUrl99", ""));
        mutator.note("extra:" + name);
        params.add(Map.entry(name, shorter(mutator.hostileString())));
      }
      case 2, 3 -> {
        int at = mutator.between(0, params.size());
        String name = params.get(at).getKey();
        mutator.note("hostile-value:" + name);
        params.set(at, Map.entry(name, mutator.hostileString()));
      }
      case 4 -> {
        mutator.note("num-media");
        params.removeIf(param -> param.getKey().equals("NumMedia"));
        params.add(
            Map.entry(
                "NumMedia", mutator.pick(List.of("-1", "abc", "2147483648", "9", "1e3", " 1"))));
      }
      case 5 -> {
        var duplicated = params.get(mutator.between(0, params.size()));
        mutator.note("duplicate-param:" + duplicated.getKey());
        params.add(Map.entry(duplicated.getKey(), mutator.hostileString()));
      }
      default -> {
        int at = mutator.between(0, params.size());
        String name = params.get(at).getKey();
        mutator.note("hostile-name:" + name);
        params.set(at, Map.entry(shorter(mutator.hostileString()), params.get(at).getValue()));
      }
    }
  }

  /** Form bytes no encoder makes: broken escapes, raw bytes, stray separators, truncation. */
  private static byte[] formBytes(byte[] body, Mutator mutator) {
    int operation = mutator.between(0, 5);
    return switch (operation) {
      case 0 -> {
        mutator.note("bad-escape");
        yield Mutator.concat(body, "&Body=%zz%".getBytes(StandardCharsets.US_ASCII));
      }
      case 1 -> {
        mutator.note("escaped-invalid-utf8");
        yield Mutator.concat(body, "&Body=%C3%28%FF".getBytes(StandardCharsets.US_ASCII));
      }
      case 2 -> {
        mutator.note("stray-separators");
        yield Mutator.concat("&&==&".getBytes(StandardCharsets.US_ASCII), body);
      }
      default -> mutator.mutateBytes(body);
    };
  }

  /** {@code application/x-www-form-urlencoded}, read leniently as a server reads it. */
  static final class Form {

    private Form() {}

    static List<Map.Entry<String, String>> parse(String body) {
      List<Map.Entry<String, String>> params = new ArrayList<>();
      for (String pair : body.strip().split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        params.add(Map.entry(decode(name), decode(value)));
      }
      return params;
    }

    static String encode(List<Map.Entry<String, String>> params) {
      StringBuilder form = new StringBuilder();
      for (var param : params) {
        if (!form.isEmpty()) {
          form.append('&');
        }
        form.append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
      }
      return form.toString();
    }

    private static String decode(String text) {
      try {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return text;
      }
    }
  }
}
