package io.tutti.gateway.live;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * conversations as the live socket calls it, on a plain Vert.x server: {@code GET /api/teams}
 * answers the teams a test gave the caller's workspace, {@code POST /api/agents/me/heartbeat}
 * counts per user. The caller is read from the bearer token's claims (the gateway already checked
 * its signature); a request without one gets 401.
 */
final class FakeConversations {

  private final Map<String, JsonArray> teams = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> heartbeats = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> teamReads = new ConcurrentHashMap<>();
  private final Map<String, Duration> teamsDelay = new ConcurrentHashMap<>();
  private Vertx vertx;
  private HttpServer server;

  int start(Vertx vertx) {
    this.vertx = vertx;
    server =
        vertx
            .createHttpServer()
            .requestHandler(this::handle)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    return server.actualPort();
  }

  /** The workspace's teams from now on, as {@code {id, name, memberIds}}. */
  void teams(String workspace, JsonArray value) {
    teams.put(workspace, value);
  }

  /** Answers the workspace's teams only after this long, like a slow conversations. */
  void delayTeams(String workspace, Duration delay) {
    teamsDelay.put(workspace, delay);
  }

  static JsonObject team(String id, String... memberIds) {
    return new JsonObject()
        .put("id", id)
        .put("name", "Team " + id)
        .put("memberIds", new JsonArray(java.util.List.of(memberIds)));
  }

  int heartbeats(String workspace, String userId) {
    AtomicInteger count = heartbeats.get(workspace + "/" + userId);
    return count == null ? 0 : count.get();
  }

  int teamReads(String workspace) {
    AtomicInteger count = teamReads.get(workspace);
    return count == null ? 0 : count.get();
  }

  private void handle(HttpServerRequest request) {
    JsonObject caller = caller(request.getHeader("Authorization"));
    if (caller == null) {
      request.response().setStatusCode(401).end();
      return;
    }
    String workspace = caller.getString("workspace");
    switch (request.method().name() + " " + request.path()) {
      case "GET /api/teams" -> {
        teamReads.computeIfAbsent(workspace, w -> new AtomicInteger()).incrementAndGet();
        long delay = teamsDelay.getOrDefault(workspace, Duration.ZERO).toMillis();
        Runnable answer =
            () ->
                request
                    .response()
                    .putHeader("Content-Type", "application/json")
                    .end(teams.getOrDefault(workspace, new JsonArray()).encode());
        if (delay > 0) {
          vertx.setTimer(delay, id -> answer.run());
        } else {
          answer.run();
        }
      }
      case "POST /api/agents/me/heartbeat" -> {
        heartbeats
            .computeIfAbsent(workspace + "/" + caller.getString("sub"), k -> new AtomicInteger())
            .incrementAndGet();
        request.response().setStatusCode(204).end();
      }
      default -> request.response().setStatusCode(404).end();
    }
  }

  private static JsonObject caller(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return null;
    }
    String[] parts = authorization.substring("Bearer ".length()).split("\\.");
    if (parts.length != 3) {
      return null;
    }
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }
}
