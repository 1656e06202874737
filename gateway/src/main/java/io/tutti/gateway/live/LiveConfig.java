package io.tutti.gateway.live;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The live socket {@code /api/live}: its replay buffer, presence, keep-alive and limits. */
@ConfigMapping(prefix = "tutti.gateway.live")
public interface LiveConfig {

  /**
   * This gateway's name on the broker: its queue is {@code gateway.live.<instance-id>}. Must differ
   * between replicas; a random one when unset.
   */
  Optional<String> instanceId();

  /** Events kept per workspace for a reconnecting socket to resume from. */
  @WithDefault("1000")
  int replaySize();

  /** How long an event stays resumable; an older {@code lastEventId} gets a refresh. */
  @WithDefault("5m")
  Duration replayAge();

  /**
   * How often conversations hears that an agent with an open socket is still there; below its
   * presence timeout (5 min).
   */
  @WithDefault("60s")
  Duration heartbeatInterval();

  /**
   * How long an agent counts as online after their last socket closed: a page reload or a token
   * renewal reconnects within it and announces nothing.
   */
  @WithDefault("10s")
  Duration presenceGrace();

  /** How long a workspace's team memberships are trusted before they are read again. */
  @WithDefault("30s")
  Duration teamsTtl();

  /** How often each socket is pinged; one that has not answered the previous ping is closed. */
  @WithDefault("30s")
  Duration pingInterval();

  /** Most sockets one user may hold open on this gateway (browser tabs, devices). */
  @WithDefault("10")
  int maxSocketsPerUser();

  /** Most sockets this gateway holds open. */
  @WithDefault("10000")
  int maxSockets();

  /**
   * Most waiting to be written to one socket (counted in characters, about bytes for JSON); a
   * client that reads slower than its events arrive is closed (1013) rather than buffered without
   * bound, and a replay larger than half of it becomes a refresh.
   */
  @WithDefault("1M")
  MemorySize sendBuffer();

  /** How long a call to conversations (teams, heartbeat) may take. */
  @WithDefault("5s")
  Duration requestTimeout();

  /** How soon the gateway tries the broker again after losing it. */
  @WithDefault("2s")
  Duration reconnectInterval();

  /**
   * Origins a browser may open the socket from, as {@code scheme://host[:port]}; defaults to the
   * origin of {@code tutti.gateway.public-url}. A handshake with {@code Authorization} is not
   * checked (no browser page can set that header).
   */
  Optional<List<String>> allowedOrigins();
}
