package io.tutti.gateway.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The browser's side of sign-in. The gateway is the browser's backend: quarkus-oidc keeps the
 * user's tokens in its encrypted, HttpOnly session cookie ({@code q_session}, split into {@code
 * q_session_chunk_N} when large), and nothing else in the browser holds a token.
 *
 * <p>Cross-site request forgery is stopped twice over: the session cookie is {@code SameSite=Lax}
 * (another site's form or script cannot send it with a POST), and a state-changing call made with
 * the session must carry the {@code X-CSRF-Token} header equal to the {@code tutti_csrf} cookie,
 * which only a page of the gateway's own origin can read (double submit).
 */
public final class BrowserSession {

  /** The session cookie quarkus-oidc sets for the default tenant, and the prefix of its chunks. */
  public static final String SESSION_COOKIE = "q_session";

  public static final String CSRF_COOKIE = "tutti_csrf";

  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Set<HttpMethod> SAFE =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

  private static final SecureRandom RANDOM = new SecureRandom();

  private BrowserSession() {}

  /** Whether the request comes with a browser session (and no bearer token of its own). */
  public static boolean carriesSession(HttpServerRequest request) {
    if (request.getHeader("Authorization") != null) {
      return false;
    }
    for (Cookie cookie : request.cookies()) {
      if (isSessionCookie(cookie.getName())) {
        return true;
      }
    }
    return false;
  }

  /** The cookies that are the gateway's business only; services never see them. */
  public static boolean isGatewayCookie(String name) {
    return isSessionCookie(name) || name.equals(CSRF_COOKIE) || name.startsWith("q_auth");
  }

  private static boolean isSessionCookie(String name) {
    return name.equals(SESSION_COOKIE) || name.startsWith(SESSION_COOKIE + "_chunk_");
  }

  /** Whether a call made with the session may go on: safe methods always, others with the token. */
  public static boolean passesCsrfCheck(HttpServerRequest request) {
    if (SAFE.contains(request.method())) {
      return true;
    }
    Cookie cookie = request.getCookie(CSRF_COOKIE);
    String header = request.getHeader(CSRF_HEADER);
    if (cookie == null || header == null || cookie.getValue().isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        cookie.getValue().getBytes(StandardCharsets.UTF_8),
        header.getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh CSRF token: 32 random bytes, base64url. */
  static String newCsrfToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
