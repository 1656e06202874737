package io.tutti.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.tutti.events.testing.TuttiTestInfrastructure;
import io.tutti.gateway.proxy.FakeService.Received;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = @ResourceArg(name = "vhost", value = "tutti-test-gateway"))
@QuarkusTestResource(value = FakeServices.class, restrictToAnnotatedClass = true)
class ReverseProxyTest {

  /** For what REST Assured cannot do: exact URIs, streamed bodies, Expect, WebSocket. */
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** The test's own, so that its requests are not traced as the gateway's are. */
  private static final Vertx VERTX = Vertx.vertx();

  FakeServices.Running services;

  @TestHTTPResource("/")
  URL gateway;

  @AfterAll
  static void closeClients() {
    HTTP.close();
    VERTX.close();
  }

  // ---- bodies ----

  @Test
  void bodyWithNonUtf8BytesReachesTheServiceByteForByteAndItsAnswerComesBackUnchanged() {
    String uri = "/webhooks/email/" + UUID.randomUUID();
    byte[] body = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, 0x28, (byte) 0xa0, 0x0d, 0x0a};

    Response answer =
        given()
            .config(
                RestAssured.config()
                    .encoderConfig(
                        EncoderConfig.encoderConfig()
                            .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
            .contentType("message/rfc822")
            .header("X-Fake-Status", "201")
            .body(body)
            .when()
            .post(uri)
            .then()
            .statusLine("HTTP/1.1 201 Made It")
            .header("X-Served-By", "connectors")
            .header("Content-Type", "application/octet-stream")
            .header("Content-Length", String.valueOf(body.length))
            .header("X-End-To-End", "kept")
            .extract()
            .response();

    assertThat(answer.headers().asList())
        .extracting(header -> header.getName().toLowerCase())
        .as("the service's headers, the request id and the gateway's security headers")
        .containsExactlyInAnyOrder(
            "x-served-by",
            "content-type",
            "content-length",
            "x-end-to-end",
            "set-cookie",
            "set-cookie",
            "x-request-id",
            "x-content-type-options",
            "referrer-policy");
    assertThat(answer.headers().getValues("Set-Cookie"))
        .containsExactly("a=1; Path=/", "b=2; Path=/");
    assertThat(answer.asByteArray()).isEqualTo(body);
    Received received = services.get("connectors").received(uri).orElseThrow();
    assertThat(received.method()).isEqualTo(HttpMethod.POST);
    assertThat(received.body()).isEqualTo(body);
    assertThat(received.headers().get("Content-Type")).isEqualTo("message/rfc822");
    assertThat(received.headers().get("Content-Length")).isEqualTo(String.valueOf(body.length));
  }

  @Test
  void bodyOfSeveralMebibytesPassesThroughUnchangedBothWays() {
    String uri = "/api/conversations/" + UUID.randomUUID() + "/messages";
    byte[] body = randomBytes(8 * 1024 * 1024);

    byte[] answer =
        given()
            .contentType("application/octet-stream")
            .body(body)
            .when()
            .post(uri)
            .then()
            .statusCode(200)
            .header("X-Served-By", "conversations")
            .extract()
            .asByteArray();

    byte[] received = services.get("conversations").received(uri).orElseThrow().body();
    assertThat(Arrays.equals(received, body)).as("the service got the body unchanged").isTrue();
    assertThat(Arrays.equals(answer, body)).as("the client got the answer unchanged").isTrue();
  }

  @Test
  void requestBodyReachesTheServiceWhileTheClientIsStillSendingIt() throws Exception {
    String uri = "/api/routing-rules/" + UUID.randomUUID() + "/upload";
    byte[] firstPart = randomBytes(256 * 1024);
    byte[] lastPart = randomBytes(1024 * 1024);
    io.vertx.core.http.HttpClient client = VERTX.createHttpClient();
    try {
      HttpClientRequest upload = open(client, uri).setChunked(true);
      upload.write(Buffer.buffer(firstPart));

      // Only a gateway that streams can hand over the first part before the body is complete.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> services.get("conversations").bytesSoFar(uri) == firstPart.length);
      upload.end(Buffer.buffer(lastPart));

      String answer =
          upload
              .response()
              .compose(response -> response.body().map(body -> response.statusCode() + " " + body))
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      assertThat(answer).isEqualTo("200 " + (firstPart.length + lastPart.length));
    } finally {
      client.close();
    }
  }

  @Test
  void answerReachesTheClientWhileTheServiceIsStillSendingIt() throws Exception {
    String uri = "/api/agents/" + UUID.randomUUID() + "/drip";
    HttpResponse<InputStream> response = streaming(uri);

    try (InputStream body = response.body()) {
      // The service holds back its last chunk until released: what arrives so far came streaming.
      assertThat(new String(body.readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("first;");
      services.get("conversations").release(uri);
      assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
    }
  }

  @Test
  void clientReadingSlowlyIsNotMistakenForASilentService() throws Exception {
    String uri = "/api/agents/" + UUID.randomUUID() + "/big";
    HttpResponse<InputStream> response = streaming(uri);

    try (InputStream body = response.body()) {
      body.readNBytes(1024);
      // The client reads nothing for longer than the 1 s response timeout, so the gateway holds
      // the service back just as long.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> services.get("conversations").heldBackMillis(uri) > 1500);
      assertThat(1024 + body.readAllBytes().length).isEqualTo(FakeService.BIG);
    }
  }

  @Test
  void bodyOverTheLimitIsRefusedWith413BeforeTheServiceSeesIt() throws Exception {
    String uri = "/webhooks/email/" + UUID.randomUUID();
    byte[] body = new byte[(FakeServices.MAX_BODY_MIB + 1) * 1024 * 1024];

    HttpResponse<String> response =
        HTTP.send(
            request(uri).expectContinue(true).POST(BodyPublishers.ofByteArray(body)).build(),
            BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(response.body())
        .contains("\"type\":\"urn:tutti:problem:body-too-large\"")
        .contains(FakeServices.MAX_BODY_MIB + " MiB");
    assertThat(services.get("connectors").received(uri)).isEmpty();
  }

  @Test
  void expectContinueIsAnsweredAndTheBodyForwarded() throws Exception {
    String uri = "/webhooks/telegram/" + UUID.randomUUID();
    byte[] body = "{\"update_id\":1}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<byte[]> response =
        HTTP.send(
            request(uri).expectContinue(true).POST(BodyPublishers.ofByteArray(body)).build(),
            BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
    Received received = services.get("connectors").received(uri).orElseThrow();
    assertThat(received.body()).isEqualTo(body);
    assertThat(received.headers().contains("Expect")).isFalse();
  }

  @Test
  void headAnswerKeepsItsContentLengthAndHasNoBody() {
    String uri = "/api/canned-responses/" + UUID.randomUUID();
    given()
        .when()
        .head(uri)
        .then()
        .statusCode(200)
        .header("X-Served-By", "conversations")
        .header("Content-Length", "11")
        .body(emptyOrNullString());
  }

  @Test
  void chunkedBodyGrowingPastTheLimitIsRefusedWith413AndNeverReachesTheServiceWhole()
      throws Exception {
    String uri = "/api/routing-rules/" + UUID.randomUUID() + "/upload";
    Buffer chunk = Buffer.buffer(randomBytes(64 * 1024));
    int chunks = (FakeServices.MAX_BODY_MIB + 1) * 16;
    io.vertx.core.http.HttpClient client = VERTX.createHttpClient();
    try {
      HttpClientRequest upload = open(client, uri).setChunked(true);
      upload.exceptionHandler(closedWhileSending -> {});
      for (int i = 0; i < chunks; i++) {
        upload.write(chunk);
      }
      upload.end();

      int status =
          upload
              .response()
              .map(response -> response.statusCode())
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);

      assertThat(status).isEqualTo(413);
      FakeService conversations = services.get("conversations");
      assertThat(conversations.bytesSoFar(uri))
          .isLessThanOrEqualTo(FakeServices.MAX_BODY_MIB * 1024L * 1024);
      assertThat(conversations.received(uri)).as("the service never saw the end").isEmpty();
    } finally {
      client.close();
    }
  }

  @Test
  void http2ClientIsProxiedToo() throws Exception {
    String uri = "/webhooks/instagram/" + UUID.randomUUID();
    byte[] body = randomBytes(100_000);
    try (HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
      // The first request upgrades the connection (h2c); the next ones travel on HTTP/2.
      assertThat(http2.send(request("/api/teams").build(), BodyHandlers.discarding()).statusCode())
          .isEqualTo(200);

      HttpResponse<byte[]> post =
          http2.send(
              request(uri).POST(BodyPublishers.ofByteArray(body)).build(),
              BodyHandlers.ofByteArray());
      HttpResponse<String> get = http2.send(request("/track").build(), BodyHandlers.ofString());

      assertThat(post.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(post.statusCode()).isEqualTo(200);
      assertThat(post.headers().firstValue("X-Served-By")).contains("connectors");
      assertThat(post.body()).isEqualTo(body);
      assertThat(services.get("connectors").received(uri).orElseThrow().body()).isEqualTo(body);
      assertThat(get.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.headers().firstValue("X-Served-By")).contains("attribution");
    }
  }

  // ---- what reaches the service ----

  @Test
  void pathAndQueryReachTheServiceExactlyAsSent() throws Exception {
    String uri =
        "/api/conversations/a%2Fb%20c/messages"
            + "?view=mine&q=caf%C3%A9+cr%C3%A8me&q=%E2%9C%93&empty=&flag&slash=%2F%3F&&cursor=x%3D%3D";

    HttpResponse<String> response = HTTP.send(request(uri).build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(services.get("conversations").received(uri))
        .map(Received::uri)
        .as("the service saw exactly the client's path and query")
        .contains(uri);
  }

  @Test
  void requestIdIsGeneratedWhenMissingAndReturnedWithTheAnswer() {
    String uri = "/api/teams/" + UUID.randomUUID();

    String returned =
        given().when().get(uri).then().statusCode(200).extract().header("X-Request-Id");

    assertThat(UUID.fromString(returned)).isNotNull();
    assertThat(
            services
                .get("conversations")
                .received(uri)
                .orElseThrow()
                .headers()
                .getAll("X-Request-Id"))
        .containsExactly(returned);
  }

  @Test
  void requestIdGivenByTheClientIsKept() {
    String uri = "/api/teams/" + UUID.randomUUID();

    given()
        .header("X-Request-Id", "client-chosen-42")
        .when()
        .get(uri)
        .then()
        .statusCode(200)
        .header("X-Request-Id", "client-chosen-42");

    assertThat(
            services
                .get("conversations")
                .received(uri)
                .orElseThrow()
                .headers()
                .getAll("X-Request-Id"))
        .containsExactly("client-chosen-42");
  }

  @Test
  void traceContextIsForwardedUntouched() {
    String uri = "/api/attribution/report?from=2025-01-01&to=2025-01-31&model=linear";
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    given()
        .urlEncodingEnabled(false)
        .header("traceparent", traceparent)
        .header("tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7")
        .when()
        .get(uri)
        .then()
        .statusCode(200);

    Received received = services.get("attribution").received(uri).orElseThrow();
    assertThat(received.headers().getAll("traceparent")).containsExactly(traceparent);
    assertThat(received.headers().getAll("tracestate"))
        .containsExactly("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
  }

  @Test
  void forwardedHeadersDescribeTheClientNotWhatItClaims() {
    String uri = "/track?key=site-1";

    given()
        .urlEncodingEnabled(false)
        .header("X-Forwarded-For", "203.0.113.66")
        .header("X-Forwarded-Host", "evil.test")
        .header("Forwarded", "for=203.0.113.66")
        .body("{}")
        .when()
        .post(uri)
        .then()
        .statusCode(200)
        .header("X-Served-By", "attribution");

    Received received = services.get("attribution").received(uri).orElseThrow();
    String host = "localhost:" + gateway.getPort();
    assertThat(received.headers().getAll("X-Forwarded-For")).containsExactly("127.0.0.1");
    assertThat(received.headers().getAll("X-Forwarded-Proto")).containsExactly("http");
    assertThat(received.headers().getAll("X-Forwarded-Host")).containsExactly(host);
    assertThat(received.headers().getAll("Forwarded"))
        .containsExactly("for=127.0.0.1;proto=http;host=\"" + host + "\"");
    assertThat(received.headers().getAll("Via")).containsExactly("1.1 tutti-gateway");
    assertThat(received.headers().get("Host")).isNotEqualTo(host);
  }

  @Test
  void hopByHopHeadersStayOnTheirHop() {
    String uri = "/api/inboxes/" + UUID.randomUUID() + "/hop";

    Response answer =
        given()
            .header("Connection", "keep-alive, X-Client-Hop")
            .header("X-Client-Hop", "for the gateway only")
            .header("Keep-Alive", "timeout=5")
            .header("Proxy-Authorization", "Basic Z2F0ZXdheTpzZWNyZXQ=")
            .header("TE", "trailers")
            .header("X-End-To-End", "kept")
            .when()
            .get(uri)
            .then()
            .statusCode(200)
            .header("X-Served-By", "connectors")
            .header("X-End-To-End", "kept")
            .header("X-Hop", nullValue())
            .header("Keep-Alive", nullValue())
            .header("Proxy-Authenticate", nullValue())
            .extract()
            .response();

    assertThat(answer.header("Connection")).isNotEqualToIgnoringCase("X-Hop");
    Received received = services.get("connectors").received(uri).orElseThrow();
    assertThat(received.headers().names())
        .map(String::toLowerCase)
        .doesNotContain("x-client-hop", "keep-alive", "proxy-authorization", "te")
        .contains("x-end-to-end");
  }

  // ---- routing ----

  @ParameterizedTest
  @CsvSource({
    "/api/inboxes, connectors",
    "/api/inboxes/7, connectors",
    "/webhooks/whatsapp/inbox-1, connectors",
    "/widget.js, connectors",
    "/api/conversations, conversations",
    "/api/canned-responses, conversations",
    "/api/routing-rules, conversations",
    "/api/teams, conversations",
    "/api/agents/a1, conversations",
    "/api/contacts/7/conversations, conversations",
    "/api/contacts/7, profiles",
    "/api/contacts, profiles",
    "/api/attribution/report, attribution",
    "/track, attribution",
    "/webhooks/shopify/orders-create, attribution",
  })
  void eachPathReachesTheServiceThatOwnsIt(String path, String service) {
    given().when().get(path).then().statusCode(200).header("X-Served-By", service);
    assertThat(services.get(service).received(path)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/inboxesX", "/api/contactsX/7", "/trackers", "/webhooksX/email"})
  void pathSharingOnlyPartOfASegmentStaysWithTheGateway(String path) {
    given().when().get(path).then().statusCode(404).header("X-Served-By", nullValue());
  }

  @Test
  void malformedEscapeInThePathIsABadRequestFromTheGateway() throws Exception {
    // Vert.x's client, because it sends a malformed URI as it is.
    io.vertx.core.http.HttpClient client = VERTX.createHttpClient();
    try {
      int status =
          client
              .request(HttpMethod.GET, gateway.getPort(), "localhost", "/api/teams/%zz")
              .compose(request -> request.send())
              .map(
                  response ->
                      response.getHeader("X-Served-By") == null ? response.statusCode() : -1)
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      assertThat(status).isEqualTo(400);
    } finally {
      client.close();
    }
  }

  @Test
  void meIsAnsweredByTheGatewayWhichStillAuthenticatesItsOwnRoutes() {
    given().when().get("/api/me").then().statusCode(401).header("X-Served-By", nullValue());
  }

  @Test
  @TestSecurity(user = "alice", roles = "agent")
  @OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
  void meAnswersFromTheGatewayItself() {
    given()
        .when()
        .get("/api/me")
        .then()
        .statusCode(200)
        .header("X-Served-By", nullValue())
        .body("username", equalTo("alice"));
  }

  // ---- slow services ----

  @Test
  void serviceThatDoesNotAnswerInTimeGives504Problem() {
    String uri = "/api/conversations/" + UUID.randomUUID() + "/slow";

    given()
        .when()
        .get(uri)
        .then()
        .statusCode(504)
        .contentType("application/problem+json")
        .header("X-Request-Id", not(emptyOrNullString()))
        .body("type", equalTo("urn:tutti:problem:gateway-timeout"))
        .body("status", equalTo(504))
        .body("detail", containsString("conversations"))
        .body("detail", containsString("1000 ms"));

    assertThat(services.get("conversations").received(uri)).isPresent();
    given().when().get("/api/teams").then().statusCode(200).header("X-Served-By", "conversations");
  }

  @Test
  void answerThatStallsMidwayIsCutOffRatherThanPassedOnAsComplete() throws Exception {
    String uri = "/api/teams/" + UUID.randomUUID() + "/stalls";
    HttpResponse<InputStream> response = streaming(uri);

    try (InputStream body = response.body()) {
      assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
    }
  }

  // ---- WebSocket ----

  @Test
  void webSocketOnChatWsCarriesMessagesBothWaysWithItsQueryString() throws Exception {
    Messages messages = new Messages();
    WebSocket socket = openWebSocket("/chat/ws?key=abc&visitor=v%201", messages);

    assertThat(messages.next()).isEqualTo("connectors at /chat/ws?key=abc&visitor=v%201");
    socket.sendText("hello from the visitor", true).join();
    assertThat(messages.next()).isEqualTo("echo: hello from the visitor");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  @Test
  void openWebSocketOutlivesTheResponseTimeout() throws Exception {
    Messages messages = new Messages();
    WebSocket socket = openWebSocket("/chat/ws?key=abc", messages);
    assertThat(messages.next()).startsWith("connectors at");

    // Quiet for longer than the 1 s response timeout.
    await()
        .pollDelay(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> !socket.isInputClosed() && !socket.isOutputClosed());
    socket.sendText("still there?", true).join();
    assertThat(messages.next()).isEqualTo("echo: still there?");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  @Test
  void openWebSocketsLeaveConnectionsForPlainRequests() throws Exception {
    List<WebSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i <= FakeServices.MAX_CONNECTIONS; i++) {
        Messages messages = new Messages();
        open.add(openWebSocket("/chat/ws?key=site-" + i, messages));
        assertThat(messages.next()).isEqualTo("connectors at /chat/ws?key=site-" + i);
      }

      given().when().get("/api/inboxes").then().statusCode(200).header("X-Served-By", "connectors");
    } finally {
      open.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
    }
  }

  @Test
  void refusedWebSocketHandshakeComesBackAsTheServiceAnsweredIt() {
    given()
        .urlEncodingEnabled(false)
        .header("Connection", "Upgrade")
        .header("Upgrade", "websocket")
        .header("Sec-WebSocket-Version", "13")
        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        .when()
        .get("/chat/ws?key=bad")
        .then()
        .statusCode(403)
        .header("X-Served-By", "connectors")
        .contentType("application/problem+json")
        .body("type", equalTo("urn:tutti:problem:unknown-site-key"));
  }

  // ---- metrics ----

  @Test
  void metricsCountProxiedRequestsByRouteNotByPath() {
    String id = UUID.randomUUID().toString();
    given().when().get("/api/conversations/" + id).then().statusCode(200);

    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

    assertThat(metrics).contains("uri=\"/api/conversations/**\"").doesNotContain(id);
  }

  // ---- helpers ----

  /** A request to the gateway that fails rather than hangs when no answer comes. */
  private HttpRequest.Builder request(String pathAndQuery) throws Exception {
    return HttpRequest.newBuilder(gateway.toURI().resolve(pathAndQuery))
        .timeout(Duration.ofSeconds(10));
  }

  /** A POST to the gateway through Vert.x's client, which sends each chunk as it is written. */
  private HttpClientRequest open(io.vertx.core.http.HttpClient client, String uri)
      throws Exception {
    return client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost("localhost")
                .setPort(gateway.getPort())
                .setURI(uri))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private WebSocket openWebSocket(String pathAndQuery, Messages messages) throws Exception {
    URI uri = URI.create("ws://localhost:" + gateway.getPort() + pathAndQuery);
    return HTTP.newWebSocketBuilder().buildAsync(uri, messages).get(10, TimeUnit.SECONDS);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  /** Collects the text messages a WebSocket receives. */
  private static final class Messages implements WebSocket.Listener {
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      socket.request(1);
      return null;
    }

    String next() throws InterruptedException {
      String message = received.poll(10, TimeUnit.SECONDS);
      assertThat(message).as("a message within 10 s").isNotNull();
      return message;
    }
  }

  /** A GET whose answer is read as it arrives; the status is already 200. */
  private HttpResponse<InputStream> streaming(String uri) throws Exception {
    HttpResponse<InputStream> response =
        HTTP.send(request(uri).build(), BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }
}
