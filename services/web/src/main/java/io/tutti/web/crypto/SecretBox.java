package io.tutti.web.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets (channel credentials, shop webhook secrets) with AES-256-GCM, the same way in
 * every service, under the key in {@code TUTTI_ENCRYPTION_KEY}.
 *
 * <p>A sealed value is {@code version(1) | keyId(4) | iv(12) | ciphertext+tag}. The key id is the
 * start of the key's SHA-256, so after a rotation values sealed with a previous key ({@code
 * TUTTI_PREVIOUS_ENCRYPTION_KEYS}) still open. The associated data binds a value to its row: a
 * sealed blob copied to another inbox or shop does not open.
 *
 * <p>Not a bean of its own: each service makes one from its configuration.
 */
public class SecretBox {

  private static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecureRandom random = new SecureRandom();
  private final Key current;
  private final List<Key> all;

  /**
   * @param encryptionKey Base64 of 32 random bytes: seals, and opens what it sealed
   * @param previousEncryptionKeys keys of before a rotation, Base64, that still open what they
   *     sealed; blank entries and {@code none} stand for no key
   * @throws IllegalArgumentException when a key is not Base64 of 32 bytes
   */
  public SecretBox(String encryptionKey, List<String> previousEncryptionKeys) {
    this.current = Key.of(encryptionKey);
    List<Key> keys = new ArrayList<>();
    keys.add(current);
    for (String previous : previousEncryptionKeys) {
      if (!previous.isBlank() && !"none".equals(previous)) {
        keys.add(Key.of(previous));
      }
    }
    this.all = List.copyOf(keys);
  }

  public byte[] seal(byte[] plaintext, String associatedData) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, current.key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(1 + 4 + IV_BYTES + sealed.length)
          .put(VERSION)
          .put(current.id)
          .put(iv)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * @throws SealedValueException when the value was not sealed by any configured key for this
   *     associated data, or was altered
   */
  public byte[] open(byte[] sealed, String associatedData) {
    if (sealed.length < 1 + 4 + IV_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new SealedValueException("not a sealed value");
    }
    byte[] keyId = Arrays.copyOfRange(sealed, 1, 5);
    Key key =
        all.stream()
            .filter(k -> Arrays.equals(k.id, keyId))
            .findFirst()
            .orElseThrow(
                () -> new SealedValueException("sealed with a key that is not configured"));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key.key, new GCMParameterSpec(TAG_BITS, sealed, 5, IV_BYTES));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed, 5 + IV_BYTES, sealed.length - 5 - IV_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new SealedValueException("sealed value was altered or belongs elsewhere");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** A sealed value that cannot be opened with the configured keys. */
  public static class SealedValueException extends RuntimeException {
    public SealedValueException(String message) {
      super(message);
    }
  }

  private record Key(SecretKey key, byte[] id) {
    static Key of(String base64) {
      if (base64 == null || base64.isBlank()) {
        throw new IllegalArgumentException("No encryption key is set (TUTTI_ENCRYPTION_KEY)");
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(base64.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "An encryption key (TUTTI_ENCRYPTION_KEY, TUTTI_PREVIOUS_ENCRYPTION_KEYS) is not"
                + " Base64");
      }
      if (raw.length != 32) {
        throw new IllegalArgumentException(
            "An encryption key (TUTTI_ENCRYPTION_KEY, TUTTI_PREVIOUS_ENCRYPTION_KEYS) must be 32"
                + " bytes (Base64 of 256 random bits), got "
                + raw.length);
      }
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
        return new Key(new SecretKeySpec(raw, "AES"), Arrays.copyOf(digest, 4));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SHA-256 is not available", e);
      }
    }
  }
}
