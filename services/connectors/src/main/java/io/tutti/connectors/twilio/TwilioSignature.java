package io.tutti.connectors.twilio;

import io.tutti.connectors.inbound.Signatures;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Twilio's {@code X-Twilio-Signature}: Base64 HMAC-SHA1, keyed with the account's auth token, of
 * the full URL Twilio requested followed by every POST parameter's name and value, sorted by name.
 * Like Twilio's own validators it also accepts the URL with its port removed or the default port
 * added, since proxies in between may change how the port is written.
 */
public final class TwilioSignature {

  private TwilioSignature() {}

  public static String sign(String authToken, String url, List<Map.Entry<String, String>> params) {
    StringBuilder data = new StringBuilder(url);
    params.stream()
        .sorted(
            Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
        .forEach(param -> data.append(param.getKey()).append(param.getValue()));
    return Signatures.hmacSha1Base64(authToken, data.toString());
  }

  public static boolean valid(
      String authToken, String url, List<Map.Entry<String, String>> params, String signature) {
    if (signature == null || signature.isBlank() || authToken == null) {
      return false;
    }
    boolean valid = false;
    for (String candidate : urlVariants(url)) {
      // No early exit: every variant is computed, whichever matches.
      valid |= Signatures.equal(sign(authToken, candidate, params), signature.strip());
    }
    return valid;
  }

  static Set<String> urlVariants(String url) {
    Set<String> variants = new LinkedHashSet<>();
    variants.add(url);
    try {
      URI uri = new URI(url);
      int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      if (uri.getPort() == -1) {
        variants.add(withPort(uri, defaultPort));
      } else {
        variants.add(withPort(uri, -1));
      }
    } catch (URISyntaxException e) {
      // The configured URL is used as it is.
    }
    return variants;
  }

  private static String withPort(URI uri, int port) {
    return uri.getScheme()
        + "://"
        + (uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@")
        + uri.getHost()
        + (port == -1 ? "" : ":" + port)
        + (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }
}
