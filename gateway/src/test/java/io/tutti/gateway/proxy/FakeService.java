package io.tutti.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A service behind the gateway, faked with a plain Vert.x HTTP server: it records every request
 * that reaches it (by its exact URI) and answers according to the last segment of the path.
 *
 * <ul>
 *   <li>default: echoes the body back with status {@code X-Fake-Status} (200 unless given) and
 *       reason phrase "Made It", {@code X-Served-By: <name>}, two cookies and a content type;
 *   <li>{@code hop}: the same, plus hop-by-hop headers and one the Connection header names;
 *   <li>{@code slow}: never answers;
 *   <li>{@code flaky}: closes the connection without answering the first request for a URI (as a
 *       restarting service or a stale kept-alive connection does), answers the next ones;
 *   <li>{@code stalls}: sends part of a chunked body and then nothing;
 *   <li>{@code drip}: sends a first chunk, and the rest only once {@link #release} is called;
 *   <li>{@code upload}: counts the body as it arrives ({@link #bytesSoFar}) and answers the total;
 *   <li>{@code big}: sends {@link #BIG} bytes as fast as the gateway takes them, and tells how long
 *       it has been held back ({@link #heldBackMillis});
 *   <li>an Upgrade request: a WebSocket that greets with its name and URI and echoes messages, or
 *       403 problem+json when the query has {@code key=bad}.
 * </ul>
 */
final class FakeService {

  /** A request as the service received it. */
  record Received(HttpMethod method, String uri, MultiMap headers, byte[] body) {}

  static final int BIG = 32 * 1024 * 1024;

  final String name;
  private final Map<String, Received> received = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> uploads = new ConcurrentHashMap<>();
  private final Map<String, Promise<Void>> drips = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> heldBackSince = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> attempts = new ConcurrentHashMap<>();
  private HttpServer server;

  FakeService(String name) {
    this.name = name;
  }

  /** Starts listening on a free port and returns it. */
  int start(Vertx vertx) {
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

  /** What reached this service for exactly this URI (path and query), if anything did. */
  Optional<Received> received(String uri) {
    return Optional.ofNullable(received.get(uri));
  }

  /** Bytes of an {@code upload} request body received so far. */
  long bytesSoFar(String uri) {
    AtomicLong count = uploads.get(uri);
    return count == null ? 0 : count.get();
  }

  /**
   * How long a {@code big} answer has been waiting for the gateway to take more; 0 if it is not.
   */
  long heldBackMillis(String uri) {
    AtomicLong since = heldBackSince.get(uri);
    long nanos = since == null ? 0 : since.get();
    return nanos == 0 ? 0 : (System.nanoTime() - nanos) / 1_000_000;
  }

  /** How many requests for this URI arrived, answered or not. */
  long attempts(String uri) {
    AtomicLong count = attempts.get(uri);
    return count == null ? 0 : count.get();
  }

  /** Lets a {@code drip} answer send its last chunk. */
  void release(String uri) {
    drips.computeIfAbsent(uri, u -> Promise.promise()).tryComplete();
  }

  private void handle(HttpServerRequest request) {
    if (request.headers().contains(HttpHeaders.UPGRADE)) {
      upgrade(request);
      return;
    }
    String path = request.path();
    String behaviour = path.substring(path.lastIndexOf('/') + 1);
    long attempt = attempts.computeIfAbsent(request.uri(), u -> new AtomicLong()).incrementAndGet();
    if (behaviour.equals("flaky") && attempt == 1) {
      request.connection().close();
      return;
    }
    switch (behaviour) {
      case "slow" -> request.body().onSuccess(body -> record(request, body));
      case "stalls" ->
          request
              .body()
              .onSuccess(
                  body -> {
                    record(request, body);
                    request
                        .response()
                        .setChunked(true)
                        .putHeader("X-Served-By", name)
                        .write("the first part, and then nothing");
                  });
      case "drip" ->
          request
              .body()
              .onSuccess(
                  body -> {
                    record(request, body);
                    var response = request.response().setChunked(true);
                    response.putHeader("X-Served-By", name).write("first;");
                    drips
                        .computeIfAbsent(request.uri(), u -> Promise.promise())
                        .future()
                        .onSuccess(v -> response.end("second"));
                  });
      case "upload" -> {
        AtomicLong count = uploads.computeIfAbsent(request.uri(), u -> new AtomicLong());
        request.handler(chunk -> count.addAndGet(chunk.length()));
        request.endHandler(
            v -> {
              record(request, Buffer.buffer());
              request.response().putHeader("X-Served-By", name).end(String.valueOf(count.get()));
            });
      }
      case "big" ->
          request
              .body()
              .onSuccess(
                  body -> {
                    record(request, body);
                    HttpServerResponse response = request.response().setChunked(true);
                    response.putHeader("X-Served-By", name);
                    sendBig(request.uri(), response, Buffer.buffer(new byte[64 * 1024]), 0);
                  });
      default -> request.body().onSuccess(body -> echo(request, body, behaviour.equals("hop")));
    }
  }

  /** Writes until the gateway stops taking, waits for it, and goes on until {@link #BIG}. */
  private void sendBig(String uri, HttpServerResponse response, Buffer chunk, long sent) {
    long written = sent;
    while (written < BIG && !response.writeQueueFull()) {
      response.write(chunk);
      written += chunk.length();
    }
    if (written >= BIG) {
      response.end();
      return;
    }
    long resumeFrom = written;
    AtomicLong since = heldBackSince.computeIfAbsent(uri, u -> new AtomicLong());
    since.set(System.nanoTime());
    response.drainHandler(
        v -> {
          since.set(0);
          sendBig(uri, response, chunk, resumeFrom);
        });
  }

  private void echo(HttpServerRequest request, Buffer body, boolean hopByHop) {
    record(request, body);
    String status = request.getHeader("X-Fake-Status");
    var response =
        request
            .response()
            .setStatusCode(status == null ? 200 : Integer.parseInt(status))
            .setStatusMessage("Made It")
            .putHeader("X-Served-By", name)
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
            .putHeader("X-End-To-End", "kept");
    response.headers().add("Set-Cookie", "a=1; Path=/").add("Set-Cookie", "b=2; Path=/");
    if (hopByHop) {
      response
          .putHeader(HttpHeaders.CONNECTION, "X-Hop")
          .putHeader("X-Hop", "for the gateway only")
          .putHeader("Keep-Alive", "timeout=5")
          .putHeader("Proxy-Authenticate", "Basic realm=\"fake\"");
    }
    if (request.method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, "11").end();
    } else {
      response.end(body);
    }
  }

  private void upgrade(HttpServerRequest request) {
    record(request, Buffer.buffer());
    if ("bad".equals(request.getParam("key"))) {
      request
          .response()
          .setStatusCode(403)
          .putHeader("X-Served-By", name)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
          .end("{\"type\":\"urn:tutti:problem:unknown-site-key\",\"status\":403}");
      return;
    }
    request.toWebSocket().onSuccess(this::talk);
  }

  private void talk(ServerWebSocket socket) {
    socket.textMessageHandler(text -> socket.writeTextMessage("echo: " + text));
    socket.binaryMessageHandler(bytes -> socket.writeBinaryMessage(bytes));
    socket.writeTextMessage(name + " at " + socket.uri());
  }

  private void record(HttpServerRequest request, Buffer body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    received.put(
        request.uri(), new Received(request.method(), request.uri(), headers, body.getBytes()));
  }
}
