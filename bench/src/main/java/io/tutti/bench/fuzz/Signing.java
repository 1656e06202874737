package io.tutti.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platforms' webhook signatures, computed the way each platform computes them (SOURCES.md of
 * the channel fixtures): Meta's {@code X-Hub-Signature-256} over the raw body, and Twilio's {@code
 * X-Twilio-Signature} over the URL followed by every parameter, sorted by name and then value.
 * Public so that the generator's tests check a signed case with the same arithmetic a server does.
 */
public final class Signing {

  private Signing() {}

  /** {@code sha256=<hex HMAC-SHA256 of the body under the app secret>}. */
  public static String meta(String appSecret, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", appSecret, body));
  }

  /** Base64 HMAC-SHA1 of the URL and the sorted parameters under the auth token. */
  public static String twilio(
      String authToken, String url, List<Map.Entry<String, String>> params) {
    StringBuilder data = new StringBuilder(url);
    params.stream()
        .sorted(
            Map.Entry.<String, String>comparingByKey(Comparator.naturalOrder())
                .thenComparing(Map.Entry.comparingByValue()))
        .forEach(param -> data.append(param.getKey()).append(param.getValue()));
    return Base64.getEncoder()
        .encodeToString(
            hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] hmac(String algorithm, String key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
