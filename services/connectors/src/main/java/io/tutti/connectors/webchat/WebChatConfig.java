package io.tutti.connectors.webchat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the website chat ({@code tutti.connectors.webchat.*}). */
@ConfigMapping(prefix = "tutti.connectors.webchat")
public interface WebChatConfig {

  /**
   * Longest visitor message, in UTF-16 code units: what a browser's {@code maxlength} counts, so
   * the widget can enforce the same bound before sending.
   */
  @WithDefault("5000")
  int maxTextLength();

  /** Frames one connection may send per second, sustained; more are answered with an error. */
  @WithDefault("10")
  double framesPerSecond();

  /**
   * Frames one connection may send in a burst before the rate applies: a widget coming back from a
   * drop resends its unacknowledged backlog at once.
   */
  @WithDefault("20")
  int frameBurst();

  /** How long browsers and CDNs may reuse widget.js before revalidating it with its ETag. */
  @WithDefault("PT5M")
  Duration widgetMaxAge();
}
