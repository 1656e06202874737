package io.tutti.gateway.proxy;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where the gateway sends what it does not answer itself: each service's base URL and the paths it
 * owns (ARCHITECTURE.md §5), and how long the gateway waits for it.
 *
 * <p>A path is a prefix matched on whole segments: {@code /api/teams} takes {@code /api/teams} and
 * {@code /api/teams/7}, never {@code /api/teamsX}. A {@code *} segment stands for exactly one
 * segment. Where several paths match, the one with more segments wins, so {@code
 * /api/contacts/7/conversations} goes to conversations and {@code /api/contacts/7} to profiles.
 * Paths in no list ({@code /api/me}, {@code /api/live}, {@code /q/...}) are the gateway's own.
 */
@ConfigMapping(prefix = "tutti.gateway")
public interface ProxyConfig {

  /**
   * Where users reach Tutti, for the links and redirects the gateway builds. Not read by the proxy,
   * but mapped here because every {@code tutti.gateway.*} key must belong to this mapping.
   */
  URI publicUrl();

  /** Base URL of connectors: channel inboxes, platform webhooks and the chat widget. */
  URI connectorsUrl();

  /** Paths connectors answers, the dead letters of replies it could not deliver among them. */
  @WithDefault("/api/inboxes,/api/admin/dead-letters,/webhooks,/widget.js,/chat/ws")
  List<String> connectorsPaths();

  /** Base URL of conversations: the queue, messages, assignment and routing rules. */
  URI conversationsUrl();

  /** Paths conversations answers, a contact's conversations among them. */
  @WithDefault(
      "/api/conversations,/api/canned-responses,/api/routing-rules,/api/teams,/api/agents,"
          + "/api/reports,/api/contacts/*/conversations")
  List<String> conversationsPaths();

  /** Base URL of profiles: contacts, identities, merging and lead stages. */
  URI profilesUrl();

  /** Paths profiles answers. */
  @WithDefault("/api/contacts")
  List<String> profilesPaths();

  /** Base URL of attribution: sessions, touchpoints, conversions and reports. */
  URI attributionUrl();

  /**
   * Paths attribution answers: its API, the tracking script's page views and Shopify's order
   * webhooks (more specific than connectors' {@code /webhooks}, so they win).
   */
  @WithDefault("/api/attribution,/track,/webhooks/shopify")
  List<String> attributionPaths();

  /** How the gateway talks to the services. */
  Proxy proxy();

  /** Limits of the forwarding itself, the same for every service. */
  interface Proxy {

    /** How long to wait for a connection to a service, a new one or a free pooled one; then 503. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * How long a service may stay silent once it has the whole request: before its response headers
     * (then 504) and between chunks of its response body (then the response is cut off). An open
     * WebSocket is never timed out by it.
     */
    @WithDefault("30s")
    Duration responseTimeout();

    /**
     * Largest request body forwarded; a larger one gets 413. Above every service's own limit
     * (connectors takes emails up to 10 MiB), so the services decide.
     */
    @WithDefault("25M")
    MemorySize maxBodySize();

    /**
     * Most connections open to one service at a time; further requests wait for one, up to the
     * connect timeout.
     */
    @WithDefault("256")
    int maxConnectionsPerService();

    /**
     * Most WebSockets (and other upgraded connections) open to one service at a time, counted apart
     * from {@code max-connections-per-service}; further handshakes wait, up to the connect timeout.
     */
    @WithDefault("10000")
    int maxWebsocketsPerService();

    /**
     * How many times a GET, HEAD or OPTIONS without a body is tried again when the service could
     * not be reached or closed the connection before answering (a restart, a stale kept-alive
     * connection). Other requests are never repeated: the service may have acted on them.
     */
    @WithDefault("1")
    int retries();

    /** Failures in a row (no connection, no answer, 503) after which a service's circuit opens. */
    @WithDefault("5")
    int circuitBreakerThreshold();

    /** How long an open circuit answers 503 at once before one trial request may go through. */
    @WithDefault("5s")
    Duration circuitBreakerOpenFor();
  }
}
