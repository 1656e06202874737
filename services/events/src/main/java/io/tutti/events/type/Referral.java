package io.tutti.events.type;

import java.util.Map;

/**
 * Where a conversation came from when the platform says so: a click-to-message ad, an m.me link
 * with a ref, a website chat opened from a campaign.
 *
 * @param source platform's label, e.g. ADS, SHORTLINK, ad (WhatsApp), web
 * @param adId the ad's id when an ad brought the message
 * @param campaign campaign name or id when known
 * @param ref the ref parameter of a link
 * @param utm utm_source, utm_medium, utm_campaign, utm_term, utm_content when known
 * @param headline the ad's title or headline when the platform sends it
 * @param url the ad's or post's URL when the platform sends it
 * @param clickId the platform's click id (WhatsApp ctwa_clid, fbclid) when it sends one
 */
public record Referral(
    String source,
    String adId,
    String campaign,
    String ref,
    Map<String, String> utm,
    String headline,
    String url,
    String clickId) {

  public Referral(
      String source, String adId, String campaign, String ref, Map<String, String> utm) {
    this(source, adId, campaign, ref, utm, null, null, null);
  }
}
