package io.tutti.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which browser pages may open the socket with the user's session cookie. */
class LiveUpgradeCheckTest {

  private static final Set<String> ALLOWED =
      LiveUpgradeCheck.origins(
          List.of(LiveUpgradeCheck.origin(URI.create("https://tutti.example/app/"))));

  @Test
  void thePublicUrlsOwnPagesMayOpenIt() {
    assertThat(LiveUpgradeCheck.originAllowed("https://tutti.example", false, ALLOWED)).isTrue();
    assertThat(LiveUpgradeCheck.originAllowed("HTTPS://Tutti.Example/", false, ALLOWED)).isTrue();
  }

  @Test
  void aPageOfAnotherSiteMayNot() {
    assertThat(LiveUpgradeCheck.originAllowed("https://evil.example", false, ALLOWED)).isFalse();
    assertThat(LiveUpgradeCheck.originAllowed("http://tutti.example", false, ALLOWED)).isFalse();
    assertThat(LiveUpgradeCheck.originAllowed("https://tutti.example:8443", false, ALLOWED))
        .isFalse();
  }

  @Test
  void clientsThatAreNoBrowserPageAreNotAskedForAnOrigin() {
    assertThat(LiveUpgradeCheck.originAllowed(null, false, ALLOWED)).isTrue();
    assertThat(LiveUpgradeCheck.originAllowed("https://evil.example", true, ALLOWED)).isTrue();
  }
}
