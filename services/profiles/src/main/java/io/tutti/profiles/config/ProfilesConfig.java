package io.tutti.profiles.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Settings of the profiles service ({@code tutti.profiles.*}). */
@ConfigMapping(prefix = "tutti.profiles")
public interface ProfilesConfig {

  /**
   * ISO 3166 region (e.g. {@code US}, {@code JP}) whose national numbering reads a phone number
   * written without a country code, such as {@code 090-1234-5678}.
   */
  @WithDefault("US")
  String defaultRegion();

  /** The items of the qualification checklist sales reps tick off, in the order they are shown. */
  @WithDefault("budget,authority,need,timeline")
  List<String> checklist();

  /**
   * Base URL of the conversations service, whose {@code GET /api/contacts/{id}/conversations} the
   * timeline and whose {@code .../conversations/export} the export read with the caller's token.
   */
  @WithDefault("http://127.0.0.1:8082")
  String conversationsUrl();

  /**
   * Base URL of the attribution service, whose {@code GET /api/attribution/contacts/{id}/export}
   * the export reads with the caller's token.
   */
  @WithDefault("http://127.0.0.1:8084")
  String attributionUrl();

  /** Items per page of a list when the request names no {@code limit}. */
  @WithDefault("25")
  int defaultPageSize();

  /** The largest {@code limit} a list request may ask for. */
  @WithDefault("100")
  int maxPageSize();
}
