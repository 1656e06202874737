package io.tutti.attribution.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelRulesTest {

  private static final String SHOP = "https://shop.example/";

  @ParameterizedTest(name = "{0} from {1} is {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        // UTM source first, whatever the referrer says
        SHOP + "?utm_source=instagram&utm_medium=paid_social, https://l.instagram.com/, instagram",
        SHOP + "?utm_source=ig, -, instagram",
        SHOP + "?utm_source=IG&utm_campaign=winter, https://www.google.com/, instagram",
        SHOP + "?utm_source=facebook&utm_medium=cpc, -, facebook",
        SHOP + "?utm_source=fb, https://t.co/abc, facebook",
        SHOP + "?utm_source=google&utm_medium=cpc, https://www.google.com/, search",
        SHOP + "?utm_source=bing, -, search",
        SHOP + "?utm_source=newsletter&utm_medium=email, -, email",
        SHOP + "?utm_source=twitter, -, x",
        SHOP + "?utm_source=tiktok, -, tiktok",
        SHOP + "?utm_source=linkedin, -, linkedin",
        SHOP + "?utm_source=whatsapp, -, whatsapp",
        // a source the table does not know: the medium, else the source as given
        SHOP + "?utm_source=acme_partner&utm_medium=email, -, email",
        SHOP + "?utm_source=Partner%20Blog, -, partner_blog",
        // then click ids
        SHOP + "?gclid=abc123, -, search",
        SHOP + "?msclkid=abc123, -, search",
        SHOP + "?fbclid=IwAR0abc, https://l.facebook.com/, facebook",
        SHOP + "?ttclid=xyz, -, tiktok",
        // then the referrer's host
        SHOP + ", https://www.instagram.com/, instagram",
        SHOP + ", https://l.instagram.com/, instagram",
        SHOP + ", https://m.facebook.com/story.php, facebook",
        SHOP + ", https://www.google.com/, search",
        SHOP + ", https://www.google.co.jp/search?q=shoes, search",
        SHOP + ", https://news.google.de/, search",
        SHOP + ", https://duckduckgo.com/, search",
        SHOP + ", https://www.bing.com/search?q=shoes, search",
        SHOP + ", https://mail.google.com/mail/u/0/, email",
        SHOP + ", https://t.co/xyz, x",
        SHOP + ", https://x.com/acme/status/1, x",
        SHOP + ", https://www.youtube.com/watch?v=1, youtube",
        SHOP + ", https://lnkd.in/abc, linkedin",
        SHOP + ", https://t.me/acme, telegram",
        // else referral; the site itself and no referrer are direct
        SHOP + ", https://blog.example.org/best-shoes, referral",
        SHOP + "pricing, https://shop.example/, direct",
        SHOP + ", -, direct",
        "https://www.shop.example/, https://shop.example/cart, direct",
      })
  void sessionsAreClassifiedByUtmThenClickIdThenReferrer(
      String url, String referrer, String channel) {
    assertThat(ChannelRules.defaults().classify(Landing.of(url, referrer))).isEqualTo(channel);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "messenger, facebook",
    "instagram, instagram",
    "whatsapp, whatsapp",
    "sms, sms",
    "telegram, telegram",
    "email, email",
    "web, web"
  })
  void aMessagingTouchTakesItsChannelsNameAndMessengerCountsAsFacebook(
      String channel, String expected) {
    assertThat(ChannelRules.ofMessagingChannel(channel)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} from {1} is {2} for this workspace")
  @CsvSource(
      nullValues = "-",
      value = {
        SHOP + "?utm_source=partner_x, -, affiliate",
        SHOP + "?utm_source=instagram, -, social",
        SHOP + ", https://news.example.com/a, press",
        SHOP + ", https://deep.news.example.com/a, press",
        SHOP + ", https://www.google.com/, search"
      })
  void aWorkspaceAddsToAndOverridesTheTables(String url, String referrer, String channel) {
    ChannelRules rules =
        new ChannelRules(
            Map.of("partner_x", "affiliate", "instagram", "social"),
            Map.of("news.example.com", "press"));

    assertThat(rules.classify(Landing.of(url, referrer))).isEqualTo(channel);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    SHOP + "?utm_campaign=winter_sale&utm_source=ig, winter_sale",
    SHOP + "?utm_campaign=Black%20Friday, Black Friday",
  })
  void theCampaignIsUtmCampaign(String url, String campaign) {
    assertThat(Landing.of(url, null).campaign()).isEqualTo(campaign);
  }
}
