package io.tutti.attribution.shop;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * The keys that seal shop webhook secrets: the same ones connectors seals inbox credentials with,
 * read from the same environment variables, {@code TUTTI_ENCRYPTION_KEY} ({@code
 * tutti.encryption-key}) and {@code TUTTI_PREVIOUS_ENCRYPTION_KEYS} ({@code
 * tutti.previous-encryption-keys}).
 */
@ConfigMapping(prefix = "tutti")
public interface EncryptionKeys {

  /**
   * AES-256 key, Base64 of 32 random bytes. Without one the rest of attribution works, but shops
   * cannot be registered and their webhooks answer 503.
   */
  Optional<String> encryptionKey();

  /** Earlier keys, Base64, still accepted for secrets sealed before a key rotation. */
  @WithDefault("none")
  List<String> previousEncryptionKeys();
}
