package io.tutti.web.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  private static final String KEY = key(1);
  private static final String OTHER_KEY = key(2);

  @Test
  void sealedValueOpensOnlyForItsOwnRow() {
    SecretBox box = box(KEY);
    byte[] sealed = box.seal(utf8("{\"appSecret\":\"s3cr3t\"}"), "inbox-1");

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t");
    assertThat(box.open(sealed, "inbox-1")).isEqualTo(utf8("{\"appSecret\":\"s3cr3t\"}"));
    assertThatThrownBy(() -> box.open(sealed, "inbox-2"))
        .isInstanceOf(SecretBox.SealedValueException.class);
  }

  @Test
  void valuesSealedBeforeTheBoxMovedToTheSharedLibraryStillOpen() {
    // Sealed by connectors' own copy of this class, under KEY, for the row "inbox-1": inboxes
    // stored before the move must open unchanged.
    byte[] stored =
        Base64.getDecoder()
            .decode("AXLNboQWr/E5KPZRn72CeMMC0XYCX8BD1XG6lde3tbzBNRhMwVzTtaCV3I+apEem1LsULAKBTQ==");

    assertThat(box(KEY).open(stored, "inbox-1")).isEqualTo(utf8("{\"appSecret\":\"s3cr3t\"}"));
  }

  @Test
  void sameSecretSealsDifferentlyEachTime() {
    SecretBox box = box(KEY);
    assertThat(box.seal(utf8("x"), "a")).isNotEqualTo(box.seal(utf8("x"), "a"));
  }

  @Test
  void alteredValueIsRefused() {
    SecretBox box = box(KEY);
    byte[] sealed = box.seal(utf8("token"), "inbox-1");
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> box.open(sealed, "inbox-1"))
        .isInstanceOf(SecretBox.SealedValueException.class);
    assertThatThrownBy(() -> box.open(new byte[] {1, 2, 3}, "inbox-1"))
        .isInstanceOf(SecretBox.SealedValueException.class);
  }

  @Test
  void afterAKeyRotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
    byte[] old = box(OTHER_KEY).seal(utf8("old"), "inbox-1");
    SecretBox rotated = box(KEY, OTHER_KEY);
    assertThat(rotated.open(old, "inbox-1")).isEqualTo(utf8("old"));
    byte[] fresh = rotated.seal(utf8("new"), "inbox-1");
    assertThat(box(KEY).open(fresh, "inbox-1")).isEqualTo(utf8("new"));
    assertThatThrownBy(() -> box(KEY).open(old, "inbox-1"))
        .isInstanceOf(SecretBox.SealedValueException.class)
        .hasMessageContaining("not configured");
  }

  @Test
  void keyMustBe256BitsOfBase64() {
    assertThatThrownBy(() -> box(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> box("not base64!")).hasMessageContaining("Base64");
    assertThatThrownBy(() -> box(null)).hasMessageContaining("TUTTI_ENCRYPTION_KEY");
  }

  private static String key(int seed) {
    byte[] raw = new byte[32];
    java.util.Arrays.fill(raw, (byte) seed);
    return Base64.getEncoder().encodeToString(raw);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static SecretBox box(String key, String... previous) {
    return new SecretBox(key, previous.length == 0 ? List.of("none") : List.of(previous));
  }
}
