package io.tutti.attribution.shop;

import io.quarkus.runtime.Startup;
import io.tutti.web.crypto.SecretBox;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Seals and opens shops' webhook secrets, each bound to its shop's id. Made at start, so a
 * malformed key stops the service there rather than at the first webhook.
 */
@Startup
@ApplicationScoped
public class ShopSecrets {

  private static final Logger LOG = Logger.getLogger(ShopSecrets.class);

  private final Optional<SecretBox> box;

  public ShopSecrets(EncryptionKeys keys) {
    this.box = keys.encryptionKey().map(key -> new SecretBox(key, keys.previousEncryptionKeys()));
    if (box.isEmpty()) {
      LOG.warn(
          "TUTTI_ENCRYPTION_KEY is not set: Shopify shops cannot be registered, and webhooks of"
              + " shops registered before answer 503");
    }
  }

  public byte[] seal(UUID shopId, String secret) {
    return box().seal(secret.getBytes(StandardCharsets.UTF_8), associatedData(shopId));
  }

  /**
   * @throws io.tutti.web.problem.ProblemException 503 when the configured keys cannot open it (the
   *     key changed without listing the old one, or the database was restored without its key)
   */
  public String open(UUID shopId, byte[] sealed) {
    try {
      return new String(box().open(sealed, associatedData(shopId)), StandardCharsets.UTF_8);
    } catch (SecretBox.SealedValueException e) {
      LOG.errorf(
          "The webhook secret of shop %s cannot be opened (%s): check TUTTI_ENCRYPTION_KEY and"
              + " TUTTI_PREVIOUS_ENCRYPTION_KEYS, or register the shop's secret again",
          shopId, e.getMessage());
      // A 503 makes Shopify retry, so an order is not lost while an admin re-enters the secret.
      throw new Problem(
              Problem.type("shop-secret-unreadable"),
              "Shop secret unreadable",
              503,
              "This shop's webhook secret cannot be opened with the configured encryption key; an"
                  + " admin must register the shop's secret again.")
          .exception();
    }
  }

  private SecretBox box() {
    return box.orElseThrow(
        () ->
            new Problem(
                    Problem.type("encryption-key-missing"),
                    "No encryption key",
                    503,
                    "This installation has no TUTTI_ENCRYPTION_KEY, so shop secrets cannot be"
                        + " sealed or opened. Set it as for connectors and restart attribution.")
                .exception());
  }

  /** Binds a sealed secret to its row: copied to another shop, it does not open. */
  private static String associatedData(UUID shopId) {
    return "shop:" + shopId;
  }
}
