package io.tutti.tests.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sales rep's, the admin's and marketing's screens in a real browser against the running
 * system: sam qualifies the lead behind a DM; ada writes a routing rule that the next message
 * follows; the attribution report draws its chart and downloads its CSV. Saves the screens under
 * {@code docs/screenshots/}.
 */
class WorkspaceBrowserIT {

  private static final String APP_SECRET = "system-test-workspace-browser-secret";

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
  void samQualifiesTheLeadBehindADm() {
    String account = String.valueOf(System.nanoTime());
    JsonPath inbox = instagramInbox(account);
    RunningSystem.postMetaWebhook(
        inbox,
        APP_SECRET,
        RunningSystem.instagramDm(
            account, "17843" + account, "lead-" + account, "Do you do bulk orders for cafes?"));
    JsonPath queue = awaitConversation(inbox);
    String conversationId = queue.getString("items[0].id");

    try (BrowserContext context = browsers.context()) {
      Page page = context.newPage();
      Browsers.signIn(page, "sam", "/inbox/all/" + conversationId);
      page.waitForSelector("[data-testid=contact-stage]");
      page.click("[data-testid=qualify]");
      page.fill("[data-testid=stage-note]", "Three cafes, monthly order");
      page.click("[data-testid=stage-confirm]");
      page.waitForSelector("[data-testid=contact-stage]:has-text('Qualified')");
      Browsers.screenshot(page, "contact-qualified");
    }
    // The conversation names its customer's contact once profiles has resolved the sender.
    String sam = RunningSystem.accessTokenFor("sam");
    String resolved =
        RunningSystem.get(sam, "/api/conversations/" + conversationId).getString("contactId");
    assertThat(RunningSystem.get(sam, "/api/contacts/" + resolved).getString("stage"))
        .isEqualTo("qualified");
  }

  @Test
  void adaWritesARoutingRuleAndTheNextMessageFollowsIt() {
    String account = String.valueOf(System.nanoTime());
    String word = "wholesale" + account.substring(account.length() - 6);
    String label = "bulk-" + account.substring(account.length() - 6);
    JsonPath inbox = instagramInbox(account);
    String ruleName = "Bulk orders " + account;
    try (BrowserContext context = browsers.context()) {
      Page page = context.newPage();
      Browsers.signIn(page, "ada", "/admin/rules");
      page.click("[data-testid=rule-new]");
      page.fill("[data-testid=rule-name]", ruleName);
      if (page.locator("[data-testid=condition-row]").count() == 0) {
        page.click("[data-testid=condition-add]");
      }
      Locator condition = page.locator("[data-testid=condition-row]").first();
      condition.locator("select").nth(0).selectOption("message.text");
      condition.locator("select").nth(1).selectOption("contains");
      condition.locator("input").last().fill(word);
      if (page.locator("[data-testid=action-row]").count() == 0) {
        page.click("[data-testid=action-add]");
      }
      Locator action = page.locator("[data-testid=action-row]").first();
      action.locator("select").first().selectOption("add_label");
      action.locator("input").last().fill(label);
      Browsers.screenshot(page, "admin-rule-editor");
      page.click("[data-testid=rule-save]");
      page.locator("[data-testid=rule-row]")
          .filter(new Locator.FilterOptions().setHasText(ruleName))
          .waitFor();
      Browsers.screenshot(page, "admin-rules");

      RunningSystem.postMetaWebhook(
          inbox,
          APP_SECRET,
          RunningSystem.instagramDm(
              account, "17844" + account, "rule-" + account, "Is there a " + word + " price?"));
      JsonPath queue =
          RunningSystem.awaitQueue(
              RunningSystem.accessTokenFor("ada"),
              inbox.getString("id"),
              q ->
                  q.getList("items[0].labels", String.class) != null
                      && q.getList("items[0].labels", String.class).contains(label));
      String conversationId = queue.getString("items[0].id");

      page.navigate(RunningSystem.GATEWAY_URL + "/inbox/all/" + conversationId);
      page.waitForSelector("[data-testid=message-text]");
      assertThat(page.inputValue("#labels")).contains(label);
    } finally {
      deleteRule(ruleName);
    }
  }

  @Test
  void theAttributionReportDrawsItsChartAndDownloadsItsCsv() throws IOException {
    try (BrowserContext context =
        browsers.browser.newContext(
            new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1440, 1000)
                .setLocale("en-US")
                .setAcceptDownloads(true))) {
      Page page = context.newPage();
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      Browsers.signIn(
          page,
          "sam",
          "/reports/attribution?from=" + today.minusDays(365) + "&to=" + today.plusDays(1));
      page.waitForSelector("[data-testid=attribution-chart] canvas");
      page.waitForSelector("[data-testid=attribution-table] tbody tr");
      // Chart.js has drawn on the canvas: some pixel is not blank.
      Object drawn =
          page.evaluate(
              "() => { const c = document.querySelector('[data-testid=attribution-chart] canvas');"
                  + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                  + " for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; }"
                  + " return false; }");
      assertThat(drawn).isEqualTo(true);
      Browsers.screenshot(page, "attribution");

      Download download = page.waitForDownload(() -> page.click("[data-testid=attribution-csv]"));
      assertThat(download.suggestedFilename()).endsWith(".csv");
      List<String> lines = Files.readAllLines(download.path());
      assertThat(lines.getFirst().toLowerCase()).contains("contacts");
      assertThat(lines.size()).isGreaterThan(1);
    }
  }

  @Test
  void everyScreenFitsAPhoneAndNamesEachOfItsControls() {
    List<String> screens =
        List.of(
            "/inbox/all",
            "/reports/attribution",
            "/reports/inbox",
            "/admin/rules",
            "/admin/inboxes",
            "/admin/teams",
            "/admin/canned",
            "/admin/hours");
    try (BrowserContext context =
        browsers.browser.newContext(
            new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(360, 740)
                .setLocale("en-US"))) {
      Page page = context.newPage();
      Browsers.signIn(page, "ada", screens.getFirst());
      for (String screen : screens) {
        page.navigate(RunningSystem.GATEWAY_URL + screen);
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        assertThat(
                ((Number)
                        page.evaluate(
                            "() => document.documentElement.scrollWidth"
                                + " - document.documentElement.clientWidth"))
                    .intValue())
            .as("%s scrolls sideways at 360 px", screen)
            .isLessThanOrEqualTo(0);
        assertThat(unnamedControls(page)).as("controls without a name on %s", screen).isEmpty();
        assertThat(page.locator("[role=alert]").count()).as("errors on %s", screen).isZero();
      }
    }
  }

  /** Visible form controls and buttons a screen reader could not name. */
  @SuppressWarnings("unchecked")
  private static List<String> unnamedControls(Page page) {
    return (List<String>)
        page.evaluate(
            "() => [...document.querySelectorAll("
                + "'input:not([type=hidden]), select, textarea, button')]"
                + ".filter(e => e.offsetParent !== null)"
                + ".filter(e => {"
                + " const labelled = e.labels && [...e.labels].some(l => l.textContent.trim());"
                + " const named = e.getAttribute('aria-label') || e.getAttribute('title')"
                + " || e.getAttribute('aria-labelledby')"
                + " || (e.tagName === 'BUTTON' && e.textContent.trim());"
                + " return !labelled && !named; })"
                + ".map(e => e.outerHTML.slice(0, 160))");
  }

  private static JsonPath awaitConversation(JsonPath inbox) {
    return RunningSystem.awaitQueue(
        RunningSystem.accessTokenFor("ada"),
        inbox.getString("id"),
        queue -> !queue.getList("items").isEmpty());
  }

  private static void deleteRule(String name) {
    String token = RunningSystem.accessTokenFor("ada");
    List<Map<String, Object>> rules =
        given()
            .auth()
            .oauth2(token)
            .get(RunningSystem.GATEWAY_URL + "/api/routing-rules")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    for (Map<String, Object> rule : rules) {
      if (name.equals(rule.get("name"))) {
        given()
            .auth()
            .oauth2(token)
            .delete(RunningSystem.GATEWAY_URL + "/api/routing-rules/" + rule.get("id"))
            .then()
            .statusCode(204);
      }
    }
  }

  private static JsonPath instagramInbox(String account) {
    return RunningSystem.connectInbox(
        Map.of(
            "name",
            "Instagram workspace " + account,
            "channel",
            "instagram",
            "instagramAccountId",
            account,
            "accessToken",
            "IGAA-workspace-test",
            "appSecret",
            APP_SECRET));
  }
}
