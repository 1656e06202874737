package io.tutti.gateway.live;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The calls the live socket makes to conversations, each with the user's own access token. */
@ApplicationScoped
class ConversationsClient {

  private final HttpClient http;
  private final URI base;
  private final Duration timeout;

  ConversationsClient(
      Vertx vertx,
      LiveConfig config,
      @ConfigProperty(name = "tutti.gateway.conversations-url") URI conversationsUrl) {
    this.base = conversationsUrl;
    this.timeout = config.requestTimeout();
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setName("tutti-gateway-live")
                .setConnectTimeout(Math.toIntExact(timeout.toMillis())));
  }

  /** The workspace's teams ({@code GET /api/teams}): each with its {@code memberIds}. */
  Uni<JsonArray> teams(String accessToken) {
    return call(HttpMethod.GET, "/api/teams", accessToken)
        .chain(
            response ->
                response.statusCode() == 200
                    ? response.body().map(body -> new JsonArray(body.getDelegate()))
                    : failed(response, "/api/teams"));
  }

  /** Tells conversations the agent is still here ({@code POST /api/agents/me/heartbeat}). */
  Uni<Void> heartbeat(String accessToken) {
    return call(HttpMethod.POST, "/api/agents/me/heartbeat", accessToken)
        .chain(
            response ->
                response.statusCode() / 100 == 2
                    ? response.body().replaceWithVoid()
                    : failed(response, "/api/agents/me/heartbeat"));
  }

  private Uni<HttpClientResponse> call(HttpMethod method, String path, String accessToken) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setAbsoluteURI(base.resolve(path).toString())
            .putHeader("Authorization", "Bearer " + accessToken)
            .putHeader("Accept", "application/json")
            .setIdleTimeout(timeout.toMillis());
    return http.request(options)
        .chain(request -> request.send())
        .ifNoItem()
        .after(timeout)
        .failWith(() -> new IllegalStateException(path + " did not answer within " + timeout));
  }

  private static <T> Uni<T> failed(HttpClientResponse response, String path) {
    int status = response.statusCode();
    return response
        .body()
        .onItemOrFailure()
        .transformToUni(
            (ignored, failure) ->
                Uni.createFrom().failure(new IllegalStateException(path + " answered " + status)));
  }

  @PreDestroy
  void close() {
    http.close().subscribe().with(ok -> {}, ignored -> {});
  }
}
