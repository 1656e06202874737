package io.tutti.attribution.shop;

import io.tutti.web.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify's webhook signature: {@code X-Shopify-Hmac-Sha256} is the Base64 HMAC-SHA256 of the raw
 * body, keyed with the shop's webhook secret.
 */
public final class ShopifySignature {

  public static final String HEADER = "X-Shopify-Hmac-Sha256";

  private ShopifySignature() {}

  public static String sign(String secret, byte[] body) {
    return Base64.getEncoder().encodeToString(hmac(secret, body));
  }

  /**
   * @throws io.tutti.web.problem.ProblemException 401 when the header is missing or does not match
   */
  public static void verify(String secret, String header, byte[] body) {
    if (header == null || header.isBlank()) {
      throw Problem.unauthorized("invalid-signature", "The " + HEADER + " header is missing.")
          .exception();
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(header.strip());
    } catch (IllegalArgumentException e) {
      given = new byte[0];
    }
    // Compared in constant time, so the answer's timing tells nothing of the expected value.
    if (!MessageDigest.isEqual(hmac(secret, body), given)) {
      throw Problem.unauthorized(
              "invalid-signature",
              "The " + HEADER + " header does not match the body and this shop's webhook secret.")
          .exception();
    }
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
