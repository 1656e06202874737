package io.tutti.connectors.inbound;

import io.tutti.events.type.Referral;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** What a landing or ad URL says about how a customer got here: UTM parameters and click ids. */
public final class PageAttribution {

  static final String SOURCE = "web";

  /** The click ids ad platforms append to landing URLs, most specific first. */
  private static final List<String> CLICK_IDS = List.of("gclid", "fbclid", "msclkid", "ttclid");

  private static final Pattern HTTP_URL =
      Pattern.compile("https?://[^\\s/?#]+[^\\s]*", Pattern.CASE_INSENSITIVE);
  private static final int MAX_VALUE = 500;

  private PageAttribution() {}

  /**
   * The {@code utm_*} parameters of a page URL, names in lower case, first value of each; empty
   * when the URL has none or cannot be read.
   */
  public static Map<String, String> utm(String pageUrl) {
    Map<String, String> utm = new LinkedHashMap<>();
    QueryString.parse(QueryString.of(pageUrl))
        .forEach(
            (name, value) -> {
              String key = name.toLowerCase(Locale.ROOT);
              String clean = Text.blankToNull(bounded(value));
              if (key.startsWith("utm_") && key.length() > 4 && clean != null) {
                utm.putIfAbsent(bounded(key), clean);
              }
            });
    return utm;
  }

  /**
   * The referral of a message sent from {@code pageUrl}, or null when there is no http(s) URL to
   * attribute it to (anything else could be a {@code javascript:} link shown to an agent).
   */
  public static Referral referral(String pageUrl) {
    if (pageUrl == null || !HTTP_URL.matcher(pageUrl).matches()) {
      return null;
    }
    Map<String, String> utm = utm(pageUrl);
    Map<String, String> params = QueryString.parse(QueryString.of(pageUrl));
    String clickId =
        CLICK_IDS.stream()
            .map(params::get)
            .map(value -> Text.blankToNull(bounded(value)))
            .filter(value -> value != null)
            .findFirst()
            .orElse(null);
    return new Referral(SOURCE, null, utm.get("utm_campaign"), null, utm, null, pageUrl, clickId);
  }

  private static String bounded(String value) {
    String clean = Text.clean(value);
    return clean == null || clean.length() <= MAX_VALUE ? clean : clean.substring(0, MAX_VALUE);
  }
}
