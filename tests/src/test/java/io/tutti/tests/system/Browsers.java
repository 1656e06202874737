package io.tutti.tests.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Headless chromium for the browser tests: the machine's own ({@code TUTTI_CHROMIUM}, default
 * {@code /usr/bin/chromium}; {@code ./tutti test} installs it), driven by Playwright without its
 * browser download. Screenshots go to {@code docs/screenshots/} of the repository.
 */
final class Browsers implements AutoCloseable {

  static final Path SCREENSHOTS = repositoryRoot().resolve("docs/screenshots");

  private final Playwright playwright;
  final Browser browser;

  private Browsers(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  static Browsers launch() {
    Path chromium = Path.of(System.getenv().getOrDefault("TUTTI_CHROMIUM", "/usr/bin/chromium"));
    assertThat(Files.isExecutable(chromium))
        .as("chromium at %s (apt-get install chromium, or set TUTTI_CHROMIUM)", chromium)
        .isTrue();
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium)
                    .setHeadless(true)
                    // No background calls to Google's hosts, which this network refuses.
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync")));
    return new Browsers(playwright, browser);
  }

  /** A fresh browser profile at a desktop size, in English. */
  BrowserContext context() {
    return browser.newContext(
        new Browser.NewContextOptions().setViewportSize(1440, 900).setLocale("en-US"));
  }

  /** Signs {@code username} in through Keycloak's page, starting at {@code path} of the gateway. */
  static void signIn(Page page, String username, String path) {
    page.setDefaultTimeout(20_000);
    page.onConsoleMessage(
        message -> {
          if ("error".equals(message.type())) {
            System.err.println("[browser " + username + "] " + message.text());
          }
        });
    page.onPageError(error -> System.err.println("[browser " + username + "] " + error));
    page.navigate(RunningSystem.GATEWAY_URL + path);
    page.waitForURL(Pattern.compile(".*/realms/tutti/protocol/openid-connect/auth.*"));
    page.fill("#username", username);
    page.fill("#password", "demo");
    page.click("#kc-login");
    page.waitForURL(Pattern.compile(Pattern.quote(RunningSystem.GATEWAY_URL) + "/.*"));
    try {
      // Attached, not visible: a phone-width screen hides the name.
      page.waitForSelector(
          "[data-testid=who]",
          new Page.WaitForSelectorOptions()
              .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
    } catch (RuntimeException e) {
      Path shot = Path.of("target", "sign-in-" + username + ".png");
      page.screenshot(new Page.ScreenshotOptions().setPath(shot));
      throw new AssertionError(
          username + " did not reach the app: at " + page.url() + " (screen in " + shot + ")", e);
    }
  }

  static void screenshot(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
  }

  private static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    return here.getFileName().toString().equals("tests") ? here.getParent() : here;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
