package io.tutti.connectors.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Settings of the connectors service ({@code tutti.connectors.*}). */
@ConfigMapping(prefix = "tutti.connectors")
public interface ConnectorsConfig {

  /**
   * The public base URL the platforms call (the gateway), without a trailing slash. Webhook URLs
   * shown to admins start with it, and Twilio signatures are computed over exactly those URLs.
   */
  @WithDefault("http://127.0.0.1:8080")
  String publicUrl();

  /**
   * AES-256 key, Base64, that seals channel credentials at rest. Changing it makes stored
   * credentials unreadable unless the old key is listed in {@link #previousEncryptionKeys()}.
   */
  String encryptionKey();

  /** Earlier keys, Base64, still accepted for reading credentials sealed before a key rotation. */
  @WithDefault("none")
  List<String> previousEncryptionKeys();

  /** Largest platform webhook body accepted (JSON and form webhooks); larger gets 413. */
  @WithDefault("1048576")
  int webhookMaxBytes();

  /** Largest raw email accepted on the email webhook or fetched over IMAP; larger gets 413. */
  @WithDefault("10485760")
  int emailMaxBytes();

  /** How long raw webhook deliveries are kept for audit and replay. */
  @WithDefault("P30D")
  Duration deliveryRetention();

  /** How long a looked-up inbox is reused for webhooks before it is read again. */
  @WithDefault("PT30S")
  Duration inboxCacheTtl();
}
