package io.tutti.tests.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The website chat widget on a customer's own site, in a real browser: a visitor writes from the
 * widget, the message appears in alice's inbox, her answer appears in the widget. The shop's page
 * is served by the test on a port of its own, the inbox's one allowed origin.
 */
class WidgetBrowserIT {

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
  void aVisitorWritesFromTheWidgetAndAliceAnswersFromTheInbox() throws IOException {
    String run = String.valueOf(System.nanoTime());
    HttpServer shopSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String shop = "http://127.0.0.1:" + shopSite.getAddress().getPort();
    JsonPath inbox =
        RunningSystem.connectInbox(
            Map.of("name", "Website " + run, "channel", "web", "allowedOrigins", List.of(shop)));
    String siteKey = inbox.getString("siteKey");
    String question = "Do you ship to Porto? " + run;

    try (BrowserContext shopper = browsers.context();
        BrowserContext agent = browsers.context()) {
      Page visitor = shopper.newPage();
      visitor.setDefaultTimeout(20_000);
      visitor.onConsoleMessage(message -> System.err.println("[shop] " + message.text()));
      byte[] html =
          ("<!doctype html><title>Shop</title><h1>Linen shop</h1><script src=\""
                  + RunningSystem.GATEWAY_URL
                  + "/widget.js\" data-site-key=\""
                  + siteKey
                  + "\" data-color=\"#0f766e\" data-greeting=\"Hello from the shop!\""
                  + " async></script>")
              .getBytes(StandardCharsets.UTF_8);
      shopSite.createContext(
          "/",
          exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
          });
      shopSite.start();
      visitor.navigate(shop + "/shirts");
      visitor.click("button.launcher");
      assertThat(visitor.textContent(".hello")).isEqualTo("Hello from the shop!");
      visitor.fill("textarea[aria-label=Message]", question);
      visitor.click("button.send");
      visitor
          .locator(".log li.visitor")
          .filter(new Locator.FilterOptions().setHasText(question))
          .waitFor();

      JsonPath queue =
          RunningSystem.awaitQueue(
              RunningSystem.accessTokenFor("ada"),
              inbox.getString("id"),
              q -> !q.getList("items").isEmpty());
      String conversationId = queue.getString("items[0].id");

      Page page = agent.newPage();
      Browsers.signIn(page, "alice", "/inbox/all/" + conversationId);
      page.waitForSelector("[data-testid=message-text]:has-text('" + question + "')");
      assertThat(page.textContent(".composer .via")).contains("Website chat");
      page.fill("[data-testid=reply-box]", "Yes, Porto takes two days.");
      page.press("[data-testid=reply-box]", "Enter");

      visitor
          .locator(".log li.agent")
          .filter(new Locator.FilterOptions().setHasText("Yes, Porto takes two days."))
          .waitFor();
      Browsers.screenshot(visitor, "widget");
    } finally {
      shopSite.stop(0);
    }
  }
}
