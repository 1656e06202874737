package io.tutti.connectors.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tutti.events.type.Referral;
import org.junit.jupiter.api.Test;

class PageAttributionTest {

  @Test
  void utmParametersOfThePageUrlAreReadDecodedAndInOrder() {
    assertThat(
            PageAttribution.utm(
                "https://shop.example/p?utm_source=google&utm_medium=cpc"
                    + "&utm_campaign=spring+sale&utm_term=red%20shoes&utm_content=ad%2F1&page=2"))
        .containsExactly(
            entry("utm_source", "google"),
            entry("utm_medium", "cpc"),
            entry("utm_campaign", "spring sale"),
            entry("utm_term", "red shoes"),
            entry("utm_content", "ad/1"));
  }

  @Test
  void otherParametersAndTheFragmentAreLeftOut() {
    assertThat(
            PageAttribution.utm(
                "https://shop.example/?ref=x&utm=1&utm_=2&utm_source=mail#utm_medium=fake"))
        .containsExactly(entry("utm_source", "mail"));
  }

  @Test
  void upperCaseNamesAreReadAsLowerCaseAndTheFirstValueWins() {
    assertThat(PageAttribution.utm("https://shop.example/?UTM_Source=ig&utm_source=fb"))
        .containsExactly(entry("utm_source", "ig"));
  }

  @Test
  void emptyAndUndecodableValuesAreSkippedWithoutLosingTheRest() {
    assertThat(
            PageAttribution.utm(
                "https://shop.example/?utm_source=&utm_medium=%E0%A4%A&utm_campaign=launch"))
        .containsExactly(entry("utm_campaign", "launch"));
  }

  @Test
  void urlsWithoutQueryOrThatJavaCannotParseStillWork() {
    assertThat(PageAttribution.utm("https://shop.example/shoes")).isEmpty();
    assertThat(PageAttribution.utm(null)).isEmpty();
    assertThat(PageAttribution.utm("https://shop.example/a b|c?utm_source=x y"))
        .containsExactly(entry("utm_source", "x y"));
  }

  @Test
  void overlongValuesAreBounded() {
    assertThat(
            PageAttribution.utm("https://shop.example/?utm_term=" + "a".repeat(2000))
                .get("utm_term"))
        .hasSize(500);
  }

  @Test
  void referralNamesTheWebSourceTheCampaignThePageAndAClickId() {
    String url = "https://shop.example/?utm_campaign=launch&gclid=abc123";

    Referral referral = PageAttribution.referral(url);

    assertThat(referral)
        .extracting(
            Referral::source, Referral::campaign, Referral::url, Referral::clickId, Referral::adId)
        .containsExactly("web", "launch", url, "abc123", null);
    assertThat(referral.utm()).containsExactly(entry("utm_campaign", "launch"));
  }

  @Test
  void onlyHttpPagesAreAttributed() {
    assertThat(PageAttribution.referral("javascript:alert(1)//?utm_source=x")).isNull();
    assertThat(PageAttribution.referral("file:///home/me/page.html")).isNull();
    assertThat(PageAttribution.referral(null)).isNull();
    assertThat(PageAttribution.referral("HTTP://shop.example/")).isNotNull();
  }
}
