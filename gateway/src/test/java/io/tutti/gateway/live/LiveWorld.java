package io.tutti.gateway.live;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * What the live socket's tests run against: a fake conversations ({@link FakeConversations}), and
 * the gateway's token checking switched on with a key of the test's own, so each test signs the
 * tokens of the users it needs ({@link Tokens}). Replay, presence and team timings are shortened.
 * Injected into test fields of type {@link LiveWorld.Running}.
 */
public class LiveWorld implements QuarkusTestResourceLifecycleManager {

  /** Replay buffer of each workspace in these tests. */
  static final int REPLAY_SIZE = 5;

  static final int MAX_SOCKETS_PER_USER = 3;

  /** The running fakes and the token signer of one test class. */
  static final class Running {
    final Vertx vertx;
    final Tokens tokens;
    final FakeConversations conversations;

    Running(Vertx vertx, Tokens tokens, FakeConversations conversations) {
      this.vertx = vertx;
      this.tokens = tokens;
      this.conversations = conversations;
    }
  }

  private Running running;

  @Override
  public Map<String, String> start() {
    Vertx vertx = Vertx.vertx();
    KeyPair keys = rsaKeys();
    FakeConversations conversations = new FakeConversations();
    int port = conversations.start(vertx);
    running = new Running(vertx, new Tokens(keys.getPrivate()), conversations);

    Map<String, String> config = new HashMap<>();
    // Without an auth-server-url, OIDC verifies tokens with the public key alone.
    config.put("quarkus.oidc.tenant-enabled", "true");
    config.put("quarkus.oidc.auth-server-url", "");
    // A public key alone verifies bearer tokens only; the browser flow needs Keycloak.
    config.put("quarkus.oidc.application-type", "service");
    config.put(
        "quarkus.oidc.public-key",
        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
    config.put("tutti.gateway.conversations-url", "http://127.0.0.1:" + port);
    config.put("tutti.gateway.live.replay-size", String.valueOf(REPLAY_SIZE));
    config.put("tutti.gateway.live.heartbeat-interval", "1s");
    config.put("tutti.gateway.live.presence-grace", "3s");
    config.put("tutti.gateway.live.teams-ttl", "2s");
    config.put("tutti.gateway.live.max-sockets-per-user", String.valueOf(MAX_SOCKETS_PER_USER));
    config.put("tutti.gateway.live.reconnect-interval", "500ms");
    return config;
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(running, new TestInjector.MatchesType(Running.class));
  }

  @Override
  public void stop() {
    if (running != null) {
      running.vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  private static KeyPair rsaKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
