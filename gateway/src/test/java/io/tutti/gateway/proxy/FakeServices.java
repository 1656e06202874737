package io.tutti.gateway.proxy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts a {@link FakeService} for each service behind the gateway and points the gateway's route
 * table at them. The init arg {@code down} names services to leave unstarted: the gateway is then
 * pointed at a port where nothing listens. Injected into test fields of type {@link
 * FakeServices.Running}.
 *
 * <p>Also shortens the response timeout to 1 s and the body limit to 12 MiB, so that timing out and
 * refusing a body stay quick to test.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

  static final List<String> NAMES =
      List.of("connectors", "conversations", "profiles", "attribution");
  static final int MAX_BODY_MIB = 12;
  static final int MAX_CONNECTIONS = 4;

  /** The fakes of one test class. */
  static final class Running {
    private final Map<String, FakeService> services = new HashMap<>();

    FakeService get(String name) {
      FakeService service = services.get(name);
      if (service == null) {
        throw new IllegalArgumentException(name + " is down in this test");
      }
      return service;
    }
  }

  private final Running running = new Running();
  private Set<String> down = Set.of();
  private String breakerThreshold = "1000";
  private Vertx vertx;

  @Override
  public void init(Map<String, String> initArgs) {
    String names = initArgs.getOrDefault("down", "");
    down = names.isBlank() ? Set.of() : Set.of(names.split(","));
    breakerThreshold = initArgs.getOrDefault("breaker-threshold", "1000");
  }

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    Map<String, String> config = new HashMap<>();
    for (String name : NAMES) {
      int port;
      if (down.contains(name)) {
        port = unusedPort();
      } else {
        FakeService service = new FakeService(name);
        port = service.start(vertx);
        running.services.put(name, service);
      }
      config.put("tutti.gateway." + name + "-url", "http://127.0.0.1:" + port);
    }
    config.put("tutti.gateway.proxy.response-timeout", "1s");
    // Most tests make services fail on purpose, more often than a circuit breaker lets pass.
    config.put("tutti.gateway.proxy.circuit-breaker-threshold", breakerThreshold);
    config.put("tutti.gateway.proxy.max-body-size", MAX_BODY_MIB + "M");
    config.put("tutti.gateway.proxy.max-connections-per-service", String.valueOf(MAX_CONNECTIONS));
    // Tracing on (sampling nothing in tests, so exporting nothing): forwarding traceparent
    // untouched
    // is only a claim worth testing while the gateway's HTTP client could add a span of its own.
    config.put("quarkus.otel.sdk.disabled", "false");
    return config;
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(running, new TestInjector.MatchesType(Running.class));
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  /** A port that was free a moment ago; connecting to it is refused. */
  private static int unusedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
