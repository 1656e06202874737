package io.tutti.tests.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.LoadState;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing in with a real browser: headless chromium (the machine's own, {@code TUTTI_CHROMIUM},
 * default {@code /usr/bin/chromium}) goes to the gateway, is sent to Keycloak's sign-in page, comes
 * back to the inbox holding only the gateway's HttpOnly session cookie, and signs out of Keycloak
 * too. Needs {@code ./tutti up} (or {@code ./tutti test}, which installs chromium).
 */
class BrowserSignInIT {

  private static final String GATEWAY_URL = RunningSystem.GATEWAY_URL;

  private static Browsers browsers;

  @BeforeAll
  static void launch() {
    browsers = Browsers.launch();
  }

  @AfterAll
  static void close() {
    if (browsers != null) {
      browsers.close();
    }
  }

  @Test
  void aliceSignsInLandsInTheInboxHoldingNoTokenAndSignsOut() {
    try (BrowserContext context = browsers.context()) {
      Page page = context.newPage();

      // Keycloak's sign-in page, reached by the gateway's redirect, then the app's inbox.
      Browsers.signIn(page, "alice", "/");
      page.waitForURL(GATEWAY_URL + "/inbox/mine");
      page.waitForLoadState(LoadState.NETWORKIDLE);
      assertThat(page.textContent("[data-testid=who]")).contains("acme");
      page.waitForSelector("[data-testid=conversation-list] li");
      assertThat(page.locator("[role=alert]").count()).isZero();
      assertThat(page.locator("[data-testid=conversation-list] li").count())
          .as("the demo conversations assigned to alice")
          .isPositive();

      // The browser holds the session as an HttpOnly cookie, and no token anywhere a script reads.
      List<Cookie> cookies = context.cookies(GATEWAY_URL);
      Cookie session =
          cookies.stream().filter(c -> c.name.startsWith("q_session")).findFirst().orElseThrow();
      assertThat(session.httpOnly).isTrue();
      assertThat(session.sameSite.name()).isEqualTo("LAX");
      String scriptVisible =
          (String)
              page.evaluate(
                  "() => document.cookie + JSON.stringify(localStorage)"
                      + " + JSON.stringify(sessionStorage)");
      assertThat(scriptVisible).doesNotContain("eyJ");

      // A change made with the session needs the CSRF token only the gateway's own pages can read.
      Object withoutToken =
          page.evaluate(
              "() => fetch('/api/agents/me/heartbeat', {method: 'POST'}).then(r => r.status)");
      assertThat(withoutToken).isEqualTo(403);
      Object withToken =
          page.evaluate(
              "() => fetch('/api/agents/me/heartbeat', {method: 'POST', headers: {'X-CSRF-Token':"
                  + " document.cookie.split('; ').find(c => c.startsWith('tutti_csrf='))"
                  + ".substring(11)}}).then(r => r.status)");
      assertThat(withToken).isEqualTo(204);

      // The live socket opens on the session alone.
      Object firstFrame =
          page.evaluate(
              "() => new Promise(resolve => { const socket = new"
                  + " WebSocket(location.origin.replace('http', 'ws') + '/api/live');"
                  + " socket.onmessage = m => { if (JSON.parse(m.data).type === 'ready') {"
                  + " resolve('ready'); socket.close(); } };"
                  + " socket.onclose = e => resolve('closed ' + e.code); })");
      assertThat(firstFrame).isEqualTo("ready");

      page.click("[data-testid=sign-out]");
      page.waitForURL(
          Pattern.compile(Pattern.quote(GATEWAY_URL + "/signed-out.html") + "(\\?.*)?"));
      assertThat(page.textContent("h1")).isEqualTo("You are signed out");
      assertThat(context.cookies(GATEWAY_URL)).noneMatch(c -> c.name.startsWith("q_session"));

      // Keycloak's session ended too: going back asks for the password again.
      page.navigate(GATEWAY_URL + "/");
      page.waitForURL(Pattern.compile(".*/realms/tutti/protocol/openid-connect/auth.*"));
      assertThat(page.isVisible("#password")).isTrue();
      // And the API, with whatever cookies the browser kept, answers 401 rather than a redirect.
      assertThat(context.request().get(GATEWAY_URL + "/api/me").status()).isEqualTo(401);
    }
  }
}
