package io.tutti.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.gateway.proxy.RouteTable.Route;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTest {

  private static final Upstream CONNECTORS = upstream("connectors", 8081);
  private static final Upstream CONVERSATIONS = upstream("conversations", 8082);
  private static final Upstream PROFILES = upstream("profiles", 8083);
  private static final Upstream ATTRIBUTION = upstream("attribution", 8084);

  /** The table of ARCHITECTURE.md §5, as the defaults in ProxyConfig give it. */
  private static final RouteTable TABLE =
      RouteTable.of(
          List.of(
              new Route("/api/inboxes", CONNECTORS),
              new Route("/api/admin/dead-letters", CONNECTORS),
              new Route("/webhooks", CONNECTORS),
              new Route("/widget.js", CONNECTORS),
              new Route("/chat/ws", CONNECTORS),
              new Route("/api/conversations", CONVERSATIONS),
              new Route("/api/canned-responses", CONVERSATIONS),
              new Route("/api/routing-rules", CONVERSATIONS),
              new Route("/api/teams", CONVERSATIONS),
              new Route("/api/agents", CONVERSATIONS),
              new Route("/api/reports", CONVERSATIONS),
              new Route("/api/contacts/*/conversations", CONVERSATIONS),
              new Route("/api/contacts", PROFILES),
              new Route("/api/attribution", ATTRIBUTION),
              new Route("/track", ATTRIBUTION),
              new Route("/webhooks/shopify", ATTRIBUTION)));

  @ParameterizedTest
  @CsvSource({
    "/api/inboxes, connectors",
    "/api/inboxes/, connectors",
    "/api/inboxes/42/credentials, connectors",
    "/api/admin/dead-letters, connectors",
    "/api/admin/dead-letters/d1/replay, connectors",
    "/webhooks, connectors",
    "/webhooks/email/inbox-1, connectors",
    "/webhooks/whatsapp/inbox-2, connectors",
    "/widget.js, connectors",
    "/chat/ws, connectors",
    "/api/conversations, conversations",
    "/api/conversations/c1/messages, conversations",
    "/api/canned-responses, conversations",
    "/api/routing-rules/dry-run, conversations",
    "/api/teams/t1, conversations",
    "/api/agents, conversations",
    "/api/reports/inbox, conversations",
    "/api/contacts/7/conversations, conversations",
    "/api/contacts/7/conversations/, conversations",
    "/api/contacts/7/conversations/c1, conversations",
    "/api/contacts, profiles",
    "/api/contacts/7, profiles",
    "/api/contacts/7/timeline, profiles",
    "/api/contacts/merge-suggestions, profiles",
    "/api/contacts/conversations, profiles",
    "/api/contacts//conversations, profiles",
    "/api/contacts/7/conversationsX, profiles",
    "/api/attribution/report, attribution",
    "/track, attribution",
    "/webhooks/shopify, attribution",
    "/webhooks/shopify/orders-create, attribution",
    "/webhooks/shopifyX, connectors",
    "/webhooks/twilio/shopify, connectors",
  })
  void sendsEachPathToTheServiceThatOwnsIt(String path, String service) {
    assertThat(TABLE.find(path)).map(route -> route.upstream().name()).contains(service);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/me",
        "/api/live",
        "/api/inboxesX",
        "/api/admin",
        "/api/contactsX/7",
        "/webhooksX/email",
        "/widget.jsx",
        "/trackers",
        "/tutti.js",
        "/chat",
        "/chat/wsX",
        "/api",
        "/",
        "/q/health/ready",
        "*"
      })
  void leavesEveryOtherPathToTheGateway(String path) {
    assertThat(TABLE.find(path)).isEmpty();
  }

  @Test
  void matchesOnlyWholeSegments() {
    Optional<Route> route = TABLE.find("/api/teamsters");
    assertThat(route).isEmpty();
    assertThat(TABLE.find("/api/teams/sters")).map(Route::path).contains("/api/teams");
  }

  @Test
  void refusesAPathGivenToTwoServices() {
    assertThatThrownBy(
            () ->
                RouteTable.of(
                    List.of(new Route("/track", ATTRIBUTION), new Route("/track", PROFILES))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/track")
        .hasMessageContaining("attribution")
        .hasMessageContaining("profiles");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "api/teams", "/api/teams/", "/api//teams", "/api/te*", "/track?x"})
  void refusesAMalformedPath(String path) {
    assertThatThrownBy(() -> RouteTable.of(List.of(new Route(path, ATTRIBUTION))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tutti.gateway.attribution-paths");
  }

  @Test
  void readsAServiceUrlWithItsPortSchemeAndBasePath() {
    assertThat(Upstream.of("profiles", URI.create("https://profiles.internal/base/")))
        .isEqualTo(new Upstream("profiles", "profiles.internal", 443, true, "/base"));
    assertThat(Upstream.of("profiles", URI.create("http://127.0.0.1:8083")))
        .isEqualTo(new Upstream("profiles", "127.0.0.1", 8083, false, ""));
    Upstream ipv6 = Upstream.of("profiles", URI.create("http://[::1]:8083"));
    assertThat(ipv6.host()).isEqualTo("::1");
    assertThat(ipv6.url()).isEqualTo("http://[::1]:8083");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://profiles:21", "profiles:8083", "http://profiles:8083/?a=b"})
  void refusesAServiceUrlItCannotUse(String url) {
    assertThatThrownBy(() -> Upstream.of("profiles", URI.create(url)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tutti.gateway.profiles-url");
  }

  private static Upstream upstream(String name, int port) {
    return new Upstream(name, "127.0.0.1", port, false, "");
  }
}
