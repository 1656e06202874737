package io.tutti.profiles.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Attribution's REST API, faked at the HTTP level: each test stubs the answers for its own
 * contacts, so tests never see each other's stubs.
 */
public class FakeAttribution implements QuarkusTestResourceLifecycleManager {

  private static WireMockServer server;

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    return Map.of("tutti.profiles.attribution-url", "http://127.0.0.1:" + server.port());
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
}
