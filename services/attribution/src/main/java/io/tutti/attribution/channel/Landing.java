package io.tutti.attribution.channel;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a page view's URL and referrer say about where the visitor came from: the UTM parameters,
 * the ad platforms' click ids and the referring host.
 *
 * @param utm {@code utm_source}, {@code utm_medium}, {@code utm_campaign}, {@code utm_term}, {@code
 *     utm_content} as given (first value of each), keyed without the {@code utm_} prefix
 * @param clickIds {@code gclid}, {@code fbclid}, {@code ttclid}, {@code msclkid} present in the URL
 * @param host the URL's host, lower-case, without {@code www.}; null when it has none
 * @param referrerHost the referrer's host, lower-case, without {@code www.}; null without one
 */
public record Landing(
    Map<String, String> utm, Map<String, String> clickIds, String host, String referrerHost) {

  private static final String[] UTM = {"source", "medium", "campaign", "term", "content"};
  private static final String[] CLICK_IDS = {"gclid", "fbclid", "ttclid", "msclkid"};
  private static final int MAX_VALUE = 200;

  public static Landing of(String url, String referrer) {
    Map<String, String> query = query(url);
    Map<String, String> utm = new LinkedHashMap<>();
    for (String name : UTM) {
      String value = query.get("utm_" + name);
      if (value != null && !value.isBlank()) {
        utm.put(name, value.strip());
      }
    }
    Map<String, String> clickIds = new LinkedHashMap<>();
    for (String name : CLICK_IDS) {
      String value = query.get(name);
      if (value != null && !value.isBlank()) {
        clickIds.put(name, value.strip());
      }
    }
    return new Landing(Map.copyOf(utm), Map.copyOf(clickIds), host(url), host(referrer));
  }

  public String utm(String name) {
    return utm.get(name);
  }

  /** The campaign the URL names ({@code utm_campaign}), or null. */
  public String campaign() {
    return utm.get("campaign");
  }

  /** The host of an absolute URL, lower-case and without {@code www.}; null when there is none. */
  static String host(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      String host = URI.create(url.strip()).getHost();
      if (host == null || host.isBlank()) {
        return null;
      }
      host = host.toLowerCase(Locale.ROOT);
      return host.startsWith("www.") ? host.substring(4) : host;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Map<String, String> query(String url) {
    Map<String, String> values = new LinkedHashMap<>();
    if (url == null) {
      return values;
    }
    int start = url.indexOf('?');
    if (start < 0) {
      return values;
    }
    int end = url.indexOf('#', start);
    String query = end < 0 ? url.substring(start + 1) : url.substring(start + 1, end);
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!name.isEmpty() && !values.containsKey(name)) {
        values.put(name, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value);
      }
    }
    return values;
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }
}
