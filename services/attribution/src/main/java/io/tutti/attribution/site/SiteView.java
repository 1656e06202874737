package io.tutti.attribution.site;

import java.time.Instant;

/**
 * A tracked website and the snippet to paste into its pages.
 *
 * @param snippet the script tag, pointing at this installation's {@code /tutti.js}
 */
public record SiteView(String siteKey, String name, Instant createdAt, String snippet) {}
