package io.tutti.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One generated request: everything needed to send it again byte for byte, and what it was meant to
 * test.
 *
 * @param seed the run's seed
 * @param index the case's number in the run; with the seed it regenerates the case
 * @param category what it aims at
 * @param method GET, POST, PUT or DELETE
 * @param target path and query, relative to the gateway (e.g. {@code /webhooks/telegram/…})
 * @param headers the headers to send, in order; an API case's bearer token is not among them
 * @param body the raw body, empty for none
 * @param auth which credential the runner adds (API cases) or how the webhook is signed
 * @param mutations what was done to the valid request, for the report
 */
public record FuzzCase(
    long seed,
    int index,
    Category category,
    String method,
    String target,
    Map<String, String> headers,
    byte[] body,
    Auth auth,
    String mutations) {

  /** The credential a case carries. */
  public enum Auth {
    /** Webhook signed (or token added) correctly for its final bytes. */
    VALID,
    /** A wrong, malformed or missing signature, secret or token. */
    INVALID,
    /** An API case sent with the admin's bearer token, added by the runner. */
    ADMIN_TOKEN
  }

  public FuzzCase {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Whether the case's credential is the right one (its request should pass authentication). */
  public boolean credentialed() {
    return auth != Auth.INVALID;
  }

  /** SHA-256 over everything that is sent: equal fingerprints mean byte-identical requests. */
  public String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      update(digest, category.name());
      update(digest, method);
      update(digest, target);
      headers.forEach(
          (name, value) -> {
            update(digest, name);
            update(digest, value);
          });
      update(digest, auth.name());
      digest.update(body);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How to regenerate it alone: {@code --seed S --case N}. */
  public String replay() {
    return "--seed " + seed + " --case " + index;
  }

  private static void update(MessageDigest digest, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    digest.update((byte) (bytes.length >>> 24));
    digest.update((byte) (bytes.length >>> 16));
    digest.update((byte) (bytes.length >>> 8));
    digest.update((byte) bytes.length);
    digest.update(bytes);
  }
}
