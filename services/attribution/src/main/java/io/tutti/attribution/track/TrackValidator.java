package io.tutti.attribution.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.attribution.config.AttributionConfig;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads a {@code /track} body (JSON, sent as application/json or text/plain) or says why not. */
@ApplicationScoped
public class TrackValidator {

  private static final Pattern VISITOR = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private static final Pattern PHONE = Pattern.compile("[0-9+()\\-. ]{4,40}");
  private static final int MAX_URL = 2048;
  private static final int MAX_NAME = 200;
  private static final int MAX_EMAIL = 320;

  private final ObjectMapper json = new ObjectMapper();
  private final AttributionConfig config;
  private final Clock clock;

  public TrackValidator(AttributionConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * @throws io.tutti.web.problem.ProblemException 400 naming each invalid field
   */
  public TrackEvent read(String body) {
    JsonNode root;
    try {
      root = body == null || body.isBlank() ? null : json.readTree(body);
    } catch (IOException e) {
      throw Problem.badRequest("The body is not JSON.").exception();
    }
    if (root == null || !root.isObject()) {
      throw Problem.badRequest("The body must be a JSON object.").exception();
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    String type = text(root, "type");
    if (!TrackEvent.PAGE.equals(type) && !TrackEvent.IDENTIFY.equals(type)) {
      errors.add(new Problem.FieldError("type", "must be page or identify"));
    }
    String visitor = text(root, "anonymousId");
    if (visitor == null || !VISITOR.matcher(visitor).matches()) {
      errors.add(
          new Problem.FieldError(
              "anonymousId", "must be 1-100 letters, digits, '.', '_', ':' or '-'"));
    }
    String url = blankToNull(text(root, "url"));
    if (url == null && TrackEvent.PAGE.equals(type)) {
      errors.add(new Problem.FieldError("url", "is required for a page view"));
    } else if (url != null && !isWebUrl(url)) {
      errors.add(
          new Problem.FieldError(
              "url", "must be an absolute http(s) URL of at most 2048 characters"));
    }
    String referrer = blankToNull(text(root, "referrer"));
    if (referrer != null && !isWebUrl(referrer)) {
      errors.add(
          new Problem.FieldError(
              "referrer", "must be an absolute http(s) URL of at most 2048 characters"));
    }
    Instant now = clock.instant();
    Instant at = now;
    String occurredAt = text(root, "occurredAt");
    if (occurredAt != null) {
      try {
        at = Instant.parse(occurredAt);
        if (at.isBefore(now.minus(config.maxBackfill()))) {
          errors.add(
              new Problem.FieldError(
                  "occurredAt", "is more than " + config.maxBackfill().toDays() + " days back"));
        } else if (at.isAfter(now.plus(config.maxClockSkew()))) {
          errors.add(new Problem.FieldError("occurredAt", "is in the future"));
        }
      } catch (DateTimeParseException e) {
        errors.add(
            new Problem.FieldError(
                "occurredAt", "must be an ISO-8601 instant such as 2026-12-01T10:00:00Z"));
      }
    }
    TrackEvent.Traits traits = null;
    if (TrackEvent.IDENTIFY.equals(type)) {
      traits = traits(root.get("traits"), errors);
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors).exception();
    }
    return new TrackEvent(type, visitor, url, referrer, at, traits);
  }

  private static TrackEvent.Traits traits(JsonNode node, List<Problem.FieldError> errors) {
    if (node == null || !node.isObject()) {
      errors.add(new Problem.FieldError("traits", "must name the visitor's email, phone or name"));
      return null;
    }
    String email = blankToNull(text(node, "email"));
    String phone = blankToNull(text(node, "phone"));
    String name = blankToNull(text(node, "name"));
    if (email == null && phone == null && name == null) {
      errors.add(new Problem.FieldError("traits", "must name the visitor's email, phone or name"));
    }
    if (email != null
        && (email.length() > MAX_EMAIL || email.indexOf('@') < 1 || email.contains(" "))) {
      errors.add(new Problem.FieldError("traits.email", "is not an email address"));
    }
    if (phone != null && !PHONE.matcher(phone).matches()) {
      errors.add(new Problem.FieldError("traits.phone", "is not a phone number"));
    }
    if (name != null && name.length() > MAX_NAME) {
      errors.add(new Problem.FieldError("traits.name", "is longer than 200 characters"));
    }
    return new TrackEvent.Traits(
        email == null ? null : email.toLowerCase(Locale.ROOT), phone, name);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull()
        ? null
        : value.isTextual() ? value.asText() : value.toString();
  }

  private static boolean isWebUrl(String value) {
    if (value.length() > MAX_URL) {
      return false;
    }
    try {
      URI uri = URI.create(value);
      String scheme = uri.getScheme();
      return uri.getHost() != null
          && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
