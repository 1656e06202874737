package io.tutti.connectors.inbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMACs and comparisons for webhook signatures; every comparison takes constant time. */
public final class Signatures {

  private Signatures() {}

  public static byte[] hmac(String algorithm, String key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  public static String hmacSha256Hex(String key, byte[] data) {
    return HexFormat.of().formatHex(hmac("HmacSHA256", key, data));
  }

  public static String hmacSha1Base64(String key, String data) {
    return Base64.getEncoder()
        .encodeToString(hmac("HmacSHA1", key, data.getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether two strings are equal, in time that depends only on their lengths. */
  public static boolean equal(String expected, String given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
