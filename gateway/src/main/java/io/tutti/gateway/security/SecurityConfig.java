package io.tutti.gateway.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway enforces at the door, ahead of every route: rate limits, the origins a browser
 * may call the API from, and the browser session's cookies.
 */
@ConfigMapping(prefix = "tutti.gateway.security")
public interface SecurityConfig {

  /**
   * Origins ({@code https://app.example.com}) other than the gateway's own whose pages may call
   * {@code /api/...} from a browser. None by default: the web app is served by the gateway itself.
   * The widget and tracking endpoints answer any site on their own.
   */
  Optional<List<String>> corsOrigins();

  /** Token buckets, per client address for public endpoints and per credential for the API. */
  RateLimit rateLimit();

  interface RateLimit {

    @WithDefault("true")
    boolean enabled();

    /**
     * Webhooks ({@code /webhooks/...}) per client address: a flood guard only, as a platform sends
     * a busy workspace's messages from a few addresses.
     */
    @WithDefault("10000")
    double webhooksPerSecond();

    @WithDefault("20000")
    int webhooksBurst();

    /** Tracking, the widget and its socket, the scripts, sign-in: per client address. */
    @WithDefault("100")
    double publicPerSecond();

    @WithDefault("300")
    int publicBurst();

    /** {@code /api/...} per bearer token or browser session (per address when it has neither). */
    @WithDefault("50")
    double apiPerSecond();

    @WithDefault("200")
    int apiBurst();

    /** Buckets kept at most; idle full ones are dropped first, so memory stays bounded. */
    @WithDefault("100000")
    int maxTracked();
  }
}
