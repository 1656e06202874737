package io.tutti.attribution.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.web.problem.ProblemException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShopSecretsTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void aSecretOpensForItsOwnShopOnly() {
    ShopSecrets secrets = secrets(Optional.of(KEY));
    UUID shop = UUID.randomUUID();
    byte[] sealed = secrets.seal(shop, "shpss_0123456789abcdef");

    assertThat(secrets.open(shop, sealed)).isEqualTo("shpss_0123456789abcdef");
    assertThatThrownBy(() -> secrets.open(UUID.randomUUID(), sealed))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status()).isEqualTo(503);
              assertThat(e.problem().type()).isEqualTo("urn:tutti:problem:shop-secret-unreadable");
              assertThat(e.problem().detail()).doesNotContain("shpss_");
            });
  }

  @Test
  void withoutAKeyAttributionStartsButShopsAnswer503() {
    ShopSecrets secrets = secrets(Optional.empty());

    assertThatThrownBy(() -> secrets.seal(UUID.randomUUID(), "secret"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status()).isEqualTo(503);
              assertThat(e.problem().type()).isEqualTo("urn:tutti:problem:encryption-key-missing");
            });
  }

  @Test
  void aMalformedKeyStopsTheStart() {
    assertThatThrownBy(() -> secrets(Optional.of("short")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ShopSecrets secrets(Optional<String> key) {
    return new ShopSecrets(
        new EncryptionKeys() {
          @Override
          public Optional<String> encryptionKey() {
            return key;
          }

          @Override
          public List<String> previousEncryptionKeys() {
            return List.of("none");
          }
        });
  }
}
