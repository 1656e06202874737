package io.tutti.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Blocking JSON calls for what the bench, chaos and fuzz runs set up and clean up (tokens, users,
 * inboxes, teams, rules); the load itself goes asynchronously over {@link #client()}. Any answer
 * but 2xx is a failure, named by method, address, status and body.
 */
public final class JsonHttp {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public HttpClient client() {
    return client;
  }

  public JsonNode get(String url, String token) {
    return get(URI.create(url), token);
  }

  public JsonNode get(URI url, String token) {
    return send(request(url, token).GET().build());
  }

  public JsonNode post(String url, String token, Object body) {
    return post(URI.create(url), token, body);
  }

  public JsonNode post(URI url, String token, Object body) {
    return send(
        request(url, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json(body)))
            .build());
  }

  public JsonNode put(String url, String token, Object body) {
    return put(URI.create(url), token, body);
  }

  public JsonNode put(URI url, String token, Object body) {
    return send(
        request(url, token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json(body)))
            .build());
  }

  /** A DELETE whose answer is its status; the clean-up does not mind a 404. */
  public int delete(URI url, String token) {
    try {
      return client
          .send(request(url, token).DELETE().build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** A raw POST (a signed webhook of the set-up) that must answer 2xx. */
  public void postRaw(URI url, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(builder::header);
    HttpRequest request = builder.build();
    try {
      // The answer is the platform's own (TwiML for Twilio), not JSON: only its status counts.
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "POST " + url + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("POST " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A form post (the token endpoint). */
  public JsonNode form(String url, Map<String, String> fields) {
    return form(URI.create(url), fields);
  }

  public JsonNode form(URI url, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(
                field ->
                    URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static HttpRequest.Builder request(URI url, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            request.method()
                + " "
                + request.uri()
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      String body = response.body();
      return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The body as JSON; a String is taken as JSON already. */
  static String json(Object body) {
    try {
      return body instanceof String text ? text : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
