package io.tutti.attribution.channel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a touch's channel is named. A messaging touch takes its channel's name (Messenger counts as
 * {@code facebook}). A web session is classified in this order:
 *
 * <ol>
 *   <li>{@code utm_source} (then {@code utm_medium}) through the source table: {@code ig} and
 *       {@code instagram} → instagram, {@code google} → search, {@code newsletter} → email, …; a
 *       source the table does not know is the channel as given (lower-case);
 *   <li>a click id: {@code gclid}/{@code msclkid} → search, {@code fbclid} → facebook, {@code
 *       ttclid} → tiktok;
 *   <li>the referrer's host through the referrer table, matched on the host or any parent domain
 *       ({@code l.instagram.com} → instagram, {@code google.*} → search, {@code t.co} → x);
 *   <li>any other referrer → {@code referral}, except the site itself → {@code direct};
 *   <li>no referrer → {@code direct}.
 * </ol>
 *
 * A workspace may add to or override both tables ({@code sourceChannels}, {@code
 * referrerChannels}).
 */
public final class ChannelRules {

  public static final String DIRECT = "direct";
  public static final String REFERRAL = "referral";

  /** utm_source (or utm_medium) value → channel. */
  public static final Map<String, String> DEFAULT_SOURCES =
      Map.ofEntries(
          Map.entry("instagram", "instagram"),
          Map.entry("ig", "instagram"),
          Map.entry("facebook", "facebook"),
          Map.entry("fb", "facebook"),
          Map.entry("meta", "facebook"),
          Map.entry("messenger", "facebook"),
          Map.entry("whatsapp", "whatsapp"),
          Map.entry("wa", "whatsapp"),
          Map.entry("telegram", "telegram"),
          Map.entry("sms", "sms"),
          Map.entry("google", "search"),
          Map.entry("bing", "search"),
          Map.entry("duckduckgo", "search"),
          Map.entry("yahoo", "search"),
          Map.entry("cpc", "search"),
          Map.entry("ppc", "search"),
          Map.entry("paid_search", "search"),
          Map.entry("twitter", "x"),
          Map.entry("x", "x"),
          Map.entry("tiktok", "tiktok"),
          Map.entry("linkedin", "linkedin"),
          Map.entry("youtube", "youtube"),
          Map.entry("email", "email"),
          Map.entry("newsletter", "email"),
          Map.entry("mailchimp", "email"));

  /** Referrer domain → channel; a host matches its own entry or a parent domain's. */
  public static final Map<String, String> DEFAULT_REFERRERS =
      Map.ofEntries(
          Map.entry("instagram.com", "instagram"),
          Map.entry("facebook.com", "facebook"),
          Map.entry("fb.com", "facebook"),
          Map.entry("messenger.com", "facebook"),
          Map.entry("whatsapp.com", "whatsapp"),
          Map.entry("wa.me", "whatsapp"),
          Map.entry("t.me", "telegram"),
          Map.entry("telegram.org", "telegram"),
          Map.entry("mail.google.com", "email"),
          Map.entry("outlook.live.com", "email"),
          Map.entry("mail.yahoo.com", "email"),
          Map.entry("bing.com", "search"),
          Map.entry("duckduckgo.com", "search"),
          Map.entry("search.yahoo.com", "search"),
          Map.entry("baidu.com", "search"),
          Map.entry("ecosia.org", "search"),
          Map.entry("t.co", "x"),
          Map.entry("twitter.com", "x"),
          Map.entry("x.com", "x"),
          Map.entry("tiktok.com", "tiktok"),
          Map.entry("linkedin.com", "linkedin"),
          Map.entry("lnkd.in", "linkedin"),
          Map.entry("youtube.com", "youtube"),
          Map.entry("youtu.be", "youtube"));

  private static final Map<String, String> CLICK_IDS =
      Map.of("gclid", "search", "msclkid", "search", "fbclid", "facebook", "ttclid", "tiktok");

  private static final int MAX_CHANNEL = 40;

  private final Map<String, String> sources;
  private final Map<String, String> referrers;

  public ChannelRules(Map<String, String> sourceOverrides, Map<String, String> referrerOverrides) {
    this.sources = merged(DEFAULT_SOURCES, sourceOverrides);
    this.referrers = merged(DEFAULT_REFERRERS, referrerOverrides);
  }

  public static ChannelRules defaults() {
    return new ChannelRules(Map.of(), Map.of());
  }

  /** The channel a messaging touch counts for. */
  public static String ofMessagingChannel(String channel) {
    String name = channel == null ? "" : channel.toLowerCase(Locale.ROOT);
    return switch (name) {
      case "messenger" -> "facebook";
      case "" -> DIRECT;
      default -> name;
    };
  }

  /** The channel of a web session that landed on this URL from this referrer. */
  public String classify(Landing landing) {
    String source = landing.utm("source");
    if (source != null) {
      String key = source.toLowerCase(Locale.ROOT);
      String known = sources.get(key);
      if (known != null) {
        return known;
      }
      String medium = landing.utm("medium");
      String byMedium = medium == null ? null : sources.get(medium.toLowerCase(Locale.ROOT));
      return byMedium != null ? byMedium : clean(key);
    }
    for (Map.Entry<String, String> click : CLICK_IDS.entrySet()) {
      if (landing.clickIds().containsKey(click.getKey())) {
        return click.getValue();
      }
    }
    String referrer = landing.referrerHost();
    if (referrer == null) {
      return DIRECT;
    }
    String byHost = byDomain(referrer);
    if (byHost != null) {
      return byHost;
    }
    if (isGoogle(referrer)) {
      return "search";
    }
    if (referrer.equals(landing.host())) {
      return DIRECT;
    }
    return REFERRAL;
  }

  private String byDomain(String host) {
    String candidate = host;
    while (true) {
      String channel = referrers.get(candidate);
      if (channel != null) {
        return channel;
      }
      int dot = candidate.indexOf('.');
      if (dot < 0 || candidate.indexOf('.', dot + 1) < 0) {
        return null;
      }
      candidate = candidate.substring(dot + 1);
    }
  }

  /** google.com, google.co.jp, news.google.de: every Google search domain. */
  private static boolean isGoogle(String host) {
    for (String label : host.split("\\.")) {
      if (label.equals("google")) {
        return true;
      }
    }
    return false;
  }

  private static String clean(String value) {
    String name = value.strip().replaceAll("[^a-z0-9._-]+", "_");
    if (name.isEmpty()) {
      return REFERRAL;
    }
    return name.length() > MAX_CHANNEL ? name.substring(0, MAX_CHANNEL) : name;
  }

  private static Map<String, String> merged(
      Map<String, String> defaults, Map<String, String> overrides) {
    Map<String, String> all = new LinkedHashMap<>(defaults);
    if (overrides != null) {
      overrides.forEach(
          (key, value) -> all.put(key.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT)));
    }
    return Map.copyOf(all);
  }
}
