package io.tutti.connectors.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * One local HTTP server standing in for Meta's Graph API, Instagram's API, Twilio and Telegram, at
 * the base URLs connectors is configured with. Tests stub the documented answers on paths of their
 * own (their own page, number or bot) and read back exactly what connectors sent.
 */
public class FakePlatforms implements QuarkusTestResourceLifecycleManager {

  public static final String GRAPH = "/graph/v23.0";
  public static final String INSTAGRAM = "/instagram/v23.0";
  public static final String TWILIO = "/twilio";
  public static final String TELEGRAM = "/telegram";

  private static WireMockServer server;

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    String base = "http://127.0.0.1:" + server.port();
    return Map.of(
        "tutti.connectors.outbound.graph-api-url", base + GRAPH,
        "tutti.connectors.outbound.instagram-api-url", base + INSTAGRAM,
        "tutti.connectors.outbound.twilio-api-url", base + TWILIO,
        "tutti.connectors.outbound.telegram-api-url", base + TELEGRAM);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }

  public static WireMockServer server() {
    return server;
  }

  /** Answers every POST to {@code path} with this status and JSON body. */
  public static void answer(String path, int status, String body) {
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(path))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  /**
   * Answers the first POST to {@code path} with {@code first} and every later one with {@code
   * then}.
   */
  public static void answerInOrder(
      String path,
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first,
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder then) {
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(path))
            .inScenario(path)
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willReturn(first)
            .willSetStateTo("answered once"));
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(path))
            .inScenario(path)
            .whenScenarioStateIs("answered once")
            .willReturn(then));
  }

  /** Every request the fake received on this path, oldest first. */
  public static List<LoggedRequest> requestsTo(String path) {
    return server.getAllServeEvents().stream()
        .map(event -> event.getRequest())
        .filter(request -> request.getUrl().equals(path))
        .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
        .map(LoggedRequest.class::cast)
        .toList();
  }
}
