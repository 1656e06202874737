package io.tutti.connectors.crypto;

import io.tutti.connectors.config.ConnectorsConfig;
import io.tutti.web.crypto.SecretBox;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The box that seals inbox credentials, under the keys connectors is configured with. */
public class SecretBoxes {

  @Produces
  @Singleton
  SecretBox secretBox(ConnectorsConfig config) {
    return new SecretBox(config.encryptionKey(), config.previousEncryptionKeys());
  }
}
