package io.tutti.tests.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;

/**
 * The platforms' APIs (Graph, Instagram, Twilio, Telegram) as one fake at the address {@code
 * ./tutti test} points connectors at ({@code TUTTI_FAKE_PLATFORMS_URL}), started once for all the
 * system tests of this run.
 */
final class FakePlatformApis {

  private static WireMockServer server;

  private FakePlatformApis() {}

  static synchronized WireMockServer server() {
    if (server == null) {
      URI fake =
          URI.create(RunningSystem.env("TUTTI_FAKE_PLATFORMS_URL", "http://127.0.0.1:18089"));
      server = new WireMockServer(options().bindAddress(fake.getHost()).port(fake.getPort()));
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    }
    return server;
  }

  /** Answers every POST to {@code path} with this JSON. */
  static void answer(String path, String json) {
    server()
        .stubFor(
            post(urlEqualTo(path))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(json)));
  }

  /** What connectors posted to {@code path}, oldest first. */
  static List<LoggedRequest> postsTo(String path) {
    return server().findAll(postRequestedFor(urlEqualTo(path)));
  }
}
