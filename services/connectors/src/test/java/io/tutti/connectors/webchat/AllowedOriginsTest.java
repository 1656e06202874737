package io.tutti.connectors.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

  private static final List<String> SHOP = List.of("https://shop.example", "http://localhost:3000");

  @Test
  void inboxWithoutAListAcceptsAnyPage() {
    assertThat(AllowedOrigins.permit(null, "https://anywhere.example")).isTrue();
    assertThat(AllowedOrigins.permit(List.of(), null)).isTrue();
  }

  @Test
  void listedOriginsAreAcceptedAsBrowsersSendThem() {
    assertThat(AllowedOrigins.permit(SHOP, "https://shop.example")).isTrue();
    assertThat(AllowedOrigins.permit(SHOP, "http://localhost:3000")).isTrue();
    assertThat(AllowedOrigins.permit(List.of("https://Shop.Example:443/"), "https://shop.example"))
        .isTrue();
  }

  @Test
  void otherOriginsAreRefused() {
    assertThat(AllowedOrigins.permit(SHOP, "https://shop.example.evil.example")).isFalse();
    assertThat(AllowedOrigins.permit(SHOP, "http://shop.example")).isFalse();
    assertThat(AllowedOrigins.permit(SHOP, "https://shop.example:8443")).isFalse();
    assertThat(AllowedOrigins.permit(SHOP, "http://localhost:3001")).isFalse();
  }

  @Test
  void pagesWithoutAnOriginAreRefusedWhenTheInboxHasAList() {
    assertThat(AllowedOrigins.permit(SHOP, null)).isFalse();
    assertThat(AllowedOrigins.permit(SHOP, "null")).isFalse();
    assertThat(AllowedOrigins.permit(SHOP, "")).isFalse();
  }
}
