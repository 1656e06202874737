package io.tutti.connectors.outbound;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The HTTP client every platform sender calls through: bounded waits, and a transport failure
 * (refused connection, reset, timeout) turned into a transient {@link SendFailure} that names the
 * platform but never the URL, which can carry a bot token.
 */
@ApplicationScoped
public class PlatformHttp {

  private final WebClient client;
  private final long timeoutMillis;

  public PlatformHttp(Vertx vertx, OutboundConfig config) {
    this.timeoutMillis = config.requestTimeout().toMillis();
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout((int) Math.min(timeoutMillis, Integer.MAX_VALUE))
                .setUserAgent("Tutti")
                .setFollowRedirects(false)
                .setMaxPoolSize(64));
  }

  /** A platform's answer: its status, its body read as JSON when it is JSON, and Retry-After. */
  public record Answer(int status, JsonObject json, String body, Duration retryAfter) {

    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  public Uni<Answer> postJson(String platform, String url, String bearerToken, JsonObject body) {
    HttpRequest<Buffer> request = client.postAbs(url).timeout(timeoutMillis);
    if (bearerToken != null) {
      request.bearerTokenAuthentication(bearerToken);
    }
    return answer(platform, request.sendJsonObject(body));
  }

  public Uni<Answer> postForm(
      String platform, String url, String username, String password, MultiMap form) {
    HttpRequest<Buffer> request =
        client.postAbs(url).timeout(timeoutMillis).basicAuthentication(username, password);
    return answer(platform, request.sendForm(form));
  }

  public Uni<Answer> get(String platform, String url, String bearerToken) {
    HttpRequest<Buffer> request = client.getAbs(url).timeout(timeoutMillis);
    if (bearerToken != null) {
      request.bearerTokenAuthentication(bearerToken);
    }
    return answer(platform, request.send());
  }

  /** A file a platform serves: its bytes and the type it declared. */
  public record Download(int status, byte[] bytes, String contentType) {

    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * Downloads a file from a platform and refuses to relay one larger than {@code maxBytes}. The
   * body is read whole: the platforms bound their media themselves (Telegram's Bot API serves at
   * most 20 MB, WhatsApp 100 MB).
   */
  public Uni<Download> download(String platform, String url, String bearerToken, int maxBytes) {
    HttpRequest<Buffer> request = client.getAbs(url).timeout(timeoutMillis);
    if (bearerToken != null) {
      request.bearerTokenAuthentication(bearerToken);
    }
    return request
        .send()
        .onFailure()
        .transform(
            failure ->
                SendFailure.transientFailure(
                    "network", platform + " could not be reached: " + describe(failure)))
        .map(
            response -> {
              Buffer body = response.body();
              if (body != null && body.length() > maxBytes) {
                throw SendFailure.permanent(
                    "too-large", "The file is larger than " + maxBytes / (1024 * 1024) + " MiB.");
              }
              return new Download(
                  response.statusCode(),
                  body == null ? new byte[0] : body.getBytes(),
                  response.getHeader("Content-Type"));
            });
  }

  /** Fetches a file for an email attachment, refusing one larger than {@code maxBytes}. */
  public Uni<Buffer> fetch(String url, int maxBytes) {
    return client
        .getAbs(url)
        .timeout(timeoutMillis)
        .send()
        .onFailure()
        .transform(
            failure ->
                SendFailure.transientFailure(
                    "attachment-unreachable", "An attachment could not be fetched from " + url))
        .map(
            response -> {
              if (response.statusCode() >= 500) {
                throw SendFailure.transientFailure(
                    "attachment-unreachable",
                    "An attachment could not be fetched from "
                        + url
                        + " (HTTP "
                        + response.statusCode()
                        + ")");
              }
              if (response.statusCode() != 200 || response.body() == null) {
                throw SendFailure.permanent(
                    "attachment-unavailable",
                    "An attachment is not available at "
                        + url
                        + " (HTTP "
                        + response.statusCode()
                        + ")");
              }
              if (response.body().length() > maxBytes) {
                throw SendFailure.permanent(
                    "attachment-too-large",
                    "An attachment is larger than " + maxBytes / (1024 * 1024) + " MiB: " + url);
              }
              return response.body();
            });
  }

  private static Uni<Answer> answer(String platform, Uni<HttpResponse<Buffer>> call) {
    return call.onFailure()
        .transform(
            failure ->
                SendFailure.transientFailure(
                    "network", platform + " could not be reached: " + describe(failure)))
        .map(PlatformHttp::read);
  }

  private static Answer read(HttpResponse<Buffer> response) {
    String body = response.bodyAsString();
    JsonObject json = null;
    if (body != null && body.stripLeading().startsWith("{")) {
      try {
        json = new JsonObject(body);
      } catch (DecodeException e) {
        json = null;
      }
    }
    return new Answer(
        response.statusCode(), json, body, retryAfter(response.getHeader("Retry-After")));
  }

  /**
   * Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable.
   */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static String describe(Throwable failure) {
    String name = failure.getClass().getSimpleName();
    if (name.contains("Timeout")) {
      return "no answer in time";
    }
    if (name.contains("Connect")) {
      return "connection refused or unreachable";
    }
    return "the connection failed";
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
