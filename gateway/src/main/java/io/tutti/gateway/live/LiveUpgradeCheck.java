package io.tutti.gateway.live;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides the {@code /api/live} handshake before it is upgraded: 401 without a valid identity, 403
 * without one of Tutti's roles or a workspace, 403 from a browser page of another origin (a session
 * cookie would otherwise let any site open the socket), 429 when the user holds all the sockets
 * they may, 503 when this gateway does. A handshake let through carries its user and {@code
 * lastEventId} to the endpoint.
 */
@ApplicationScoped
public class LiveUpgradeCheck implements HttpUpgradeCheck {

  static final TypedKey<LiveUser> USER = new TypedKey<>("tutti.live.user");
  static final TypedKey<UUID> LAST_EVENT_ID = new TypedKey<>("tutti.live.last-event-id");

  private final AgentPresence presence;
  private final Set<String> allowedOrigins;

  LiveUpgradeCheck(
      AgentPresence presence,
      LiveConfig config,
      @ConfigProperty(name = "tutti.gateway.public-url") URI publicUrl) {
    this.presence = presence;
    this.allowedOrigins = origins(config.allowedOrigins().orElse(List.of(origin(publicUrl))));
  }

  @Override
  public boolean appliesTo(String endpointId) {
    return LiveEndpoint.ID.equals(endpointId);
  }

  @Override
  public Uni<CheckResult> perform(HttpUpgradeContext context) {
    return context.securityIdentity().map(identity -> decide(context, identity));
  }

  private CheckResult decide(HttpUpgradeContext context, SecurityIdentity identity) {
    if (identity == null || identity.isAnonymous()) {
      return CheckResult.rejectUpgradeSync(401);
    }
    if (!LiveUser.hasTuttiRole(identity)) {
      return CheckResult.rejectUpgradeSync(403);
    }
    LiveUser user = LiveUser.of(identity);
    if (user.workspaceId().isBlank()) {
      return CheckResult.rejectUpgradeSync(403);
    }
    HttpServerRequest request = context.httpRequest();
    if (!originAllowed(
        request.getHeader(HttpHeaders.ORIGIN),
        request.getHeader(HttpHeaders.AUTHORIZATION) != null,
        allowedOrigins)) {
      return CheckResult.rejectUpgradeSync(403);
    }
    AgentPresence.Refusal refusal = presence.wouldRefuse(user);
    if (refusal != null) {
      return CheckResult.rejectUpgradeSync(
          refusal.code() == LiveFrames.TOO_MANY_FOR_USER ? 429 : 503);
    }
    context.userData().put(USER, user);
    UUID lastEventId = lastEventId(request.getParam("lastEventId"));
    if (lastEventId != null) {
      context.userData().put(LAST_EVENT_ID, lastEventId);
    }
    return CheckResult.permitUpgradeSync();
  }

  /**
   * A page of another site must not open the socket with the user's cookie; a client that sends
   * {@code Authorization} is no browser page (none can set it on a WebSocket), and one without
   * {@code Origin} is no browser at all.
   */
  static boolean originAllowed(String origin, boolean authorization, Set<String> allowed) {
    if (origin == null || authorization) {
      return true;
    }
    return allowed.contains(normalise(origin));
  }

  /** The origins a browser page may open the socket from, as compared. */
  static Set<String> origins(List<String> configured) {
    return configured.stream()
        .map(LiveUpgradeCheck::normalise)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * An id that is no UUID cannot be in the buffer: the socket is told to refresh, as for an old
   * one.
   */
  private static UUID lastEventId(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      return new UUID(0, 0);
    }
  }

  static String origin(URI url) {
    return url.getScheme() + "://" + url.getRawAuthority();
  }

  private static String normalise(String origin) {
    String lower = origin.strip().toLowerCase(Locale.ROOT);
    return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
