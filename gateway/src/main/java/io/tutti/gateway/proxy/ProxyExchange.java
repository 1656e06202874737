package io.tutti.gateway.proxy;

import io.tutti.gateway.proxy.RouteTable.Route;
import io.tutti.web.problem.Problem;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One client request on its way to a service, and the service's answer on its way back. Bodies are
 * streamed chunk by chunk in both directions, with back-pressure: neither side is buffered whole.
 * Every callback runs on the request's event loop, so the state below needs no locking.
 */
final class ProxyExchange {

  private static final Logger LOG = Logger.getLogger(ProxyExchange.class);

  private final ProxySettings settings;
  private final Upstream service;
  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final String requestId;
  private final long declaredLength;

  /** The bearer token the service gets in place of the browser's session; null to pass as is. */
  private final String authorization;

  private final CircuitBreaker breaker;

  /** Tries so far; more than one only for a repeatable request (see {@link #repeatable()}). */
  private int attempts;

  /** The breaker has been told how this exchange went (or that it went nowhere). */
  private boolean breakerTold;

  private HttpClientRequest upstream;
  private long bodyBytes;

  /** The client's whole request body has arrived. */
  private boolean clientRequestEnded;

  /** The whole request went to the service, so any silence from now on is the service's. */
  private boolean upstreamRequestEnded;

  /** The service's request is abandoned (reset or failed); nothing more goes to it. */
  private boolean upstreamClosed;

  /** The client's answer has begun (relayed, tunnelled or replied), or the client left. */
  private boolean answered;

  /** The service's answer has been received whole. */
  private boolean serviceAnswerEnded;

  /** The client closed the connection before its answer was complete. */
  private boolean clientGone;

  private long silenceTimer = -1;
  private long lastHeardFromService;

  ProxyExchange(
      ProxySettings settings, Route route, HttpServerRequest request, String authorization) {
    this.settings = settings;
    this.service = route.upstream();
    this.request = request;
    this.response = request.response();
    String given = request.getHeader(ProxyHeaders.REQUEST_ID);
    this.requestId = given == null || given.isBlank() ? UUID.randomUUID().toString() : given;
    this.declaredLength = declaredLength(request);
    this.authorization = authorization;
    this.breaker = settings.breaker(service);
  }

  void start() {
    response.closeHandler(v -> clientLeft());
    if (ProxyHeaders.asksForUpgrade(request)) {
      openTunnel();
      return;
    }
    if (declaredLength > settings.maxBodySize()) {
      reply(ProxyProblems.bodyTooLarge(settings.maxBodySize()));
      return;
    }
    // Nothing is read from the client until the service can take it.
    if (!request.isEnded()) {
      request.pause();
    }
    send();
  }

  private void send() {
    // A retry is the same exchange: it keeps the permit of its first try, which may be the
    // half-open
    // circuit's one trial. Asking again would refuse it and leave that trial out for ever.
    if (attempts == 0 && !breaker.allows()) {
      breakerTold = true;
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(breaker.secondsUntilTrial()));
      reply(ProxyProblems.circuitOpen(service.name()));
      return;
    }
    attempts++;
    settings
        .client()
        .request(options(false))
        .onComplete(
            connected -> {
              if (connected.failed()) {
                unavailable(connected.cause());
              } else {
                forward(connected.result());
              }
            });
  }

  // ---- request: client → service ----

  private RequestOptions options(boolean upgrade) {
    return new RequestOptions()
        .setHost(service.host())
        .setPort(service.port())
        .setSsl(service.ssl())
        .setMethod(request.method())
        .setURI(service.basePath() + target(request))
        .setHeaders(ProxyHeaders.toService(request, requestId, upgrade, authorization))
        // Bounds the wait for a pooled connection as well as the TCP connect.
        .setConnectTimeout(settings.connectTimeout().toMillis());
  }

  private void forward(HttpClientRequest upstream) {
    this.upstream = upstream;
    // Before any reset: without a handler, Vert.x logs the reset as an error.
    upstream.exceptionHandler(this::serviceError);
    if (answered) {
      abandonUpstream();
      return;
    }
    upstream.response().onComplete(this::relay);
    if (clientExpectsContinue()) {
      response.writeContinue();
    }
    if (request.isEnded()) {
      endOfRequest();
      return;
    }
    request.handler(this::forwardChunk);
    request.exceptionHandler(failure -> clientLeft());
    request.endHandler(v -> endOfRequest());
    request.resume();
  }

  private void forwardChunk(Buffer chunk) {
    if (upstreamClosed) {
      return;
    }
    bodyBytes += chunk.length();
    if (bodyBytes > settings.maxBodySize()) {
      // Answer first: resetting the service's request fails its response, which must find the
      // client already answered.
      reply(ProxyProblems.bodyTooLarge(settings.maxBodySize()));
      abandonUpstream();
      return;
    }
    if (!upstream.isChunked() && !upstream.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
      // No declared length (chunked from the client, or HTTP/2): chunked to the service too.
      upstream.setChunked(true);
    }
    upstream.write(chunk);
    if (upstream.writeQueueFull()) {
      request.pause();
      upstream.drainHandler(v -> request.resume());
    }
  }

  private void endOfRequest() {
    clientRequestEnded = true;
    if (upstreamClosed) {
      return;
    }
    upstreamRequestEnded = true;
    upstream.end().onSuccess(v -> awaitAnswer());
  }

  /**
   * The response timeout starts once the whole request is with the service, so a slow upload is not
   * mistaken for a slow service. The HTTP client ends it when the response headers arrive.
   */
  private void awaitAnswer() {
    if (!upstream.response().isComplete() && !upstreamClosed) {
      upstream.idleTimeout(settings.responseTimeout().toMillis());
    }
  }

  // ---- response: service → client ----

  private void relay(AsyncResult<HttpClientResponse> answer) {
    if (answered) {
      return;
    }
    if (answer.failed()) {
      serviceFailed(answer.cause());
      return;
    }
    relay(answer.result(), false);
  }

  /**
   * Passes the service's answer on unchanged: status line, end-to-end headers, body.
   *
   * @param closeServiceConnection the service connection cannot serve another request after this
   *     answer (it carried a refused upgrade)
   */
  private void relay(HttpClientResponse answer, boolean closeServiceConnection) {
    answered = true;
    if (answer.statusCode() == 503) {
      tellBreaker(false);
    } else {
      tellBreaker(true);
    }
    response.setStatusCode(answer.statusCode());
    if (answer.statusMessage() != null) {
      response.setStatusMessage(answer.statusMessage());
    }
    ProxyHeaders.toClient(answer.headers(), response.headers());
    if (!response.headers().contains(ProxyHeaders.REQUEST_ID)) {
      response.putHeader(ProxyHeaders.REQUEST_ID, requestId);
    }
    boolean lengthKnown = response.headers().contains(HttpHeaders.CONTENT_LENGTH);
    answer.exceptionHandler(this::answerBroken);
    answer.handler(
        chunk -> {
          lastHeardFromService = System.nanoTime();
          if (clientGone) {
            return;
          }
          if (!lengthKnown && !response.isChunked()) {
            response.setChunked(true);
          }
          response.write(chunk);
          if (response.writeQueueFull()) {
            answer.pause();
            // Waiting for a slow client is no silence of the service's.
            stopSilenceTimer();
            response.drainHandler(
                v -> {
                  answer.resume();
                  watchSilence();
                });
          }
        });
    answer.endHandler(
        v -> {
          serviceAnswerEnded = true;
          stopSilenceTimer();
          if (closeServiceConnection) {
            upstream.connection().close();
          } else if (!upstreamRequestEnded) {
            // The service answered before the client finished sending: this connection is spent.
            abandonUpstream();
          }
          endResponse();
        });
    watchSilence();
  }

  private void endResponse() {
    boolean unreadBody = !clientRequestEnded && mayHaveBody();
    response.end().onComplete(v -> finishWithClient(unreadBody));
  }

  /**
   * Closes an HTTP/1 connection whose request body will not be read, rather than reading it to the
   * end for nothing (an HTTP/2 stream needs no such care: flow control stops the client). Otherwise
   * lets the rest of the request (its end) through, so the connection can carry the next one.
   */
  private void finishWithClient(boolean unreadBody) {
    if (!unreadBody) {
      if (!request.isEnded()) {
        request.resume();
      }
    } else if (request.version() != HttpVersion.HTTP_2) {
      request.connection().close();
    }
  }

  /** Cuts the answer off when the service stops sending mid-body for a whole response timeout. */
  private void watchSilence() {
    if (silenceTimer != -1 || serviceAnswerEnded || clientGone) {
      return;
    }
    lastHeardFromService = System.nanoTime();
    silenceTimer =
        settings.vertx().setTimer(settings.responseTimeout().toMillis(), id -> checkSilence());
  }

  private void checkSilence() {
    long silentMillis = (System.nanoTime() - lastHeardFromService) / 1_000_000;
    long timeoutMillis = settings.responseTimeout().toMillis();
    if (silentMillis < timeoutMillis) {
      silenceTimer = settings.vertx().setTimer(timeoutMillis - silentMillis, id -> checkSilence());
      return;
    }
    silenceTimer = -1;
    LOG.warnf(
        "%s went silent for %d ms in the middle of its answer to %s %s (request %s); cut off",
        service.name(), timeoutMillis, request.method(), request.path(), requestId);
    abandonUpstream();
    response.reset();
  }

  private void stopSilenceTimer() {
    if (silenceTimer != -1) {
      settings.vertx().cancelTimer(silenceTimer);
      silenceTimer = -1;
    }
  }

  // ---- WebSocket and other upgrades ----

  private void openTunnel() {
    request.pause();
    if (!breaker.allows()) {
      breakerTold = true;
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(breaker.secondsUntilTrial()));
      reply(ProxyProblems.circuitOpen(service.name()));
      return;
    }
    settings
        .tunnels()
        .request(options(true))
        .onComplete(
            connected -> {
              if (connected.failed()) {
                unavailable(connected.cause());
                return;
              }
              upstream = connected.result();
              upstream.exceptionHandler(this::serviceError);
              if (answered) {
                abandonUpstream();
                return;
              }
              upstream.idleTimeout(settings.responseTimeout().toMillis());
              // Sends the handshake and, on 101, hands over the raw connection.
              upstream.connect().onComplete(this::switchProtocols);
            });
  }

  private void switchProtocols(AsyncResult<HttpClientResponse> answer) {
    if (answered) {
      if (answer.succeeded()) {
        upstream.connection().close();
      }
      return;
    }
    if (answer.failed()) {
      serviceFailed(answer.cause());
      return;
    }
    HttpClientResponse switched = answer.result();
    if (switched.statusCode() != 101) {
      relay(switched, true);
      return;
    }
    answered = true;
    tellBreaker(true);
    // Paused so nothing the service sends first is lost before the client's side is ready.
    NetSocket serviceSide = switched.netSocket().pause();
    ProxyHeaders.toClient(switched.headers(), response.headers());
    response.headers().set(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
    response.headers().set(HttpHeaders.UPGRADE, switched.getHeader(HttpHeaders.UPGRADE));
    response.headers().set(ProxyHeaders.REQUEST_ID, requestId);
    request
        .toNetSocket()
        .onComplete(
            tunnel -> {
              if (tunnel.failed()) {
                LOG.debugf(tunnel.cause(), "Client side of upgrade %s failed", requestId);
                serviceSide.close();
                return;
              }
              NetSocket clientSide = tunnel.result();
              clientSide.closeHandler(v -> serviceSide.close());
              serviceSide.closeHandler(v -> clientSide.close());
              clientSide.pipeTo(serviceSide);
              serviceSide.pipeTo(clientSide);
            });
  }

  // ---- failures ----

  /** No connection to the service: refused, unknown host, connect timeout, or pool exhausted. */
  private void unavailable(Throwable cause) {
    if (retry()) {
      LOG.debugf(
          "%s unavailable for request %s, trying again: %s", service.name(), requestId, cause);
      return;
    }
    tellBreaker(false);
    LOG.warnf(
        "%s unavailable for %s %s (request %s): %s",
        service.name(), request.method(), request.path(), requestId, cause.toString());
    reply(ProxyProblems.serviceUnavailable(service.name()));
  }

  /** The service failed after taking the request and before its answer began. */
  private void serviceFailed(Throwable cause) {
    abandonUpstream();
    if (!(cause instanceof TimeoutException) && retry()) {
      LOG.debugf("%s dropped request %s, trying again: %s", service.name(), requestId, cause);
      return;
    }
    tellBreaker(false);
    if (cause instanceof TimeoutException) {
      LOG.warnf(
          "%s did not answer %s %s within %d ms (request %s)",
          service.name(),
          request.method(),
          request.path(),
          settings.responseTimeout().toMillis(),
          requestId);
      reply(ProxyProblems.gatewayTimeout(service.name(), settings.responseTimeout()));
    } else {
      LOG.warnf(
          "%s failed on %s %s before answering (request %s): %s",
          service.name(), request.method(), request.path(), requestId, cause.toString());
      reply(ProxyProblems.badGateway(service.name()));
    }
  }

  /** The service's answer broke off midway: the client must not take it for a whole one. */
  private void answerBroken(Throwable cause) {
    stopSilenceTimer();
    if (serviceAnswerEnded) {
      return;
    }
    LOG.debugf("%s's answer to request %s broke off: %s", service.name(), requestId, cause);
    abandonUpstream();
    response.reset();
  }

  /** The connection to the service reported an error; the response future classifies it. */
  private void serviceError(Throwable cause) {
    LOG.debugf("Request %s to %s: %s", requestId, service.name(), cause);
  }

  private void clientLeft() {
    if (serviceAnswerEnded || response.ended()) {
      return;
    }
    if (!breakerTold) {
      // Nothing learnt about the service; a trial request must not stay out for ever.
      breakerTold = true;
      breaker.released();
    }
    clientGone = true;
    answered = true;
    stopSilenceTimer();
    abandonUpstream();
  }

  /** Resets the service's request, unless it completed: its connection may already be reused. */
  private void abandonUpstream() {
    if (upstream == null || upstreamClosed) {
      return;
    }
    upstreamClosed = true;
    if (!(upstreamRequestEnded && serviceAnswerEnded)) {
      upstream.reset();
    }
  }

  /**
   * Answers the client with a problem, closing the connection if an unread body is pending. Once
   * the service's answer has begun, only cutting it off is left.
   */
  private void reply(Problem problem) {
    if (clientGone) {
      return;
    }
    stopSilenceTimer();
    if (answered) {
      response.reset();
      return;
    }
    answered = true;
    boolean unreadBody = !clientRequestEnded && mayHaveBody();
    response
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(ProxyHeaders.REQUEST_ID, requestId);
    if (unreadBody && request.version() != HttpVersion.HTTP_2) {
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    response.end(settings.json(problem)).onComplete(v -> finishWithClient(unreadBody));
  }

  /**
   * Sends a repeatable request again, on a fresh connection after a short pause, when it has tries
   * left and nothing has been answered; answers whether it did.
   */
  private boolean retry() {
    if (!repeatable() || attempts > settings.retries() || answered || clientGone) {
      return false;
    }
    upstream = null;
    upstreamClosed = false;
    upstreamRequestEnded = false;
    settings
        .vertx()
        .setTimer(
            50L * attempts,
            id -> {
              if (!clientGone && !answered) {
                send();
              }
            });
    return true;
  }

  /** A GET, HEAD or OPTIONS without a body: sending it twice does no more than once. */
  private boolean repeatable() {
    HttpMethod method = request.method();
    return (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS)
        && !mayHaveBody()
        && !ProxyHeaders.asksForUpgrade(request);
  }

  private void tellBreaker(boolean succeeded) {
    if (breakerTold) {
      return;
    }
    breakerTold = true;
    if (succeeded) {
      breaker.succeeded();
    } else {
      breaker.failed();
    }
  }

  // ---- small facts about the request ----

  private boolean mayHaveBody() {
    return declaredLength > 0
        || request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
        || (request.version() == HttpVersion.HTTP_2 && declaredLength < 0);
  }

  private boolean clientExpectsContinue() {
    return !settings.serverSendsContinue()
        && request.version() == HttpVersion.HTTP_1_1
        && "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT));
  }

  /** Path and query exactly as the client sent them; absolute-form targets lose their origin. */
  private static String target(HttpServerRequest request) {
    String uri = request.uri();
    if (uri.startsWith("/")) {
      return uri;
    }
    return request.query() == null ? request.path() : request.path() + "?" + request.query();
  }

  private static long declaredLength(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.strip());
    } catch (NumberFormatException malformed) {
      // The HTTP codec refuses such a request before it gets here.
      return -1;
    }
  }
}
