package io.tutti.tests.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's inbox in a real browser against the running system: a customer's Instagram DM shows
 * up live, alice answers it from the reply box and sees it sent; a message made of HTML shows its
 * characters and runs nothing. Saves the screens under {@code docs/screenshots/}.
 */
class InboxBrowserIT {

  private static final String APP_SECRET = "system-test-inbox-browser-secret";

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
  void aliceAnswersAnInstagramDmFromTheInboxAndSeesItSent() {
    String account = String.valueOf(System.nanoTime());
    String customer = "17841" + account;
    JsonPath inbox = instagramInbox(account);
    FakePlatformApis.answer(
        "/instagram/v23.0/" + account + "/messages",
        "{\"recipient_id\":\"" + customer + "\",\"message_id\":\"m-out-" + account + "\"}");

    try (BrowserContext context = browsers.context()) {
      Page page = context.newPage();
      Browsers.signIn(page, "alice", "/inbox/all");
      page.waitForSelector("[data-testid=conversation-list]");

      RunningSystem.postMetaWebhook(
          inbox,
          APP_SECRET,
          RunningSystem.instagramDm(
              account, customer, "in-" + account, "Do you have the linen shirt in M? " + account));

      // The list does not jump: it says there is something new, and shows it when asked.
      page.click("[data-testid=new-activity]");
      Locator row =
          page.locator("[data-testid=conversation-list] a")
              .filter(new Locator.FilterOptions().setHasText("linen shirt in M? " + account));
      row.click();
      String conversationId = page.url().substring(page.url().lastIndexOf('/') + 1);
      page.waitForSelector("[data-testid=message-text]:has-text('linen shirt in M')");
      assertThat(page.textContent(".composer .via")).contains("Instagram");
      Browsers.screenshot(page, "conversation");

      page.fill("[data-testid=reply-box]", "Yes, M is in stock. Shall I reserve one?");
      page.press("[data-testid=reply-box]", "Enter");

      Locator reply =
          page.locator("[data-testid=message]")
              .filter(new Locator.FilterOptions().setHasText("Shall I reserve one?"));
      reply.locator("[data-testid=delivery][data-status=sent]").waitFor();
      assertThat(page.inputValue("[data-testid=reply-box]")).isEmpty();
      assertThat(FakePlatformApis.postsTo("/instagram/v23.0/" + account + "/messages")).hasSize(1);

      page.navigate(RunningSystem.GATEWAY_URL + "/inbox/all");
      page.waitForSelector("[data-testid=conversation-list] li");
      Browsers.screenshot(page, "inbox");

      // A phone's width: the list, then the conversation, each fit without sideways scrolling.
      page.setViewportSize(360, 740);
      page.waitForSelector("[data-testid=conversation-list] li");
      assertThat(widthOverflow(page)).isLessThanOrEqualTo(0);
      Browsers.screenshot(page, "inbox-mobile");
      page.click("[data-conversation='" + conversationId + "']");
      page.waitForSelector("[data-testid=reply-box]");
      assertThat(widthOverflow(page)).isLessThanOrEqualTo(0);
      Browsers.screenshot(page, "conversation-mobile");
    }
  }

  @Test
  void aMessageMadeOfHtmlShowsItsCharactersAndRunsNothing() {
    String account = String.valueOf(System.nanoTime());
    String customer = "17842" + account;
    JsonPath inbox = instagramInbox(account);
    String attack = "<img src=x onerror=alert(1)>";
    RunningSystem.postMetaWebhook(
        inbox, APP_SECRET, RunningSystem.instagramDm(account, customer, "xss-" + account, attack));
    String conversationId =
        RunningSystem.awaitQueue(
                RunningSystem.accessTokenFor("ada"),
                inbox.getString("id"),
                queue -> !queue.getList("items").isEmpty())
            .getString("items[0].id");

    try (BrowserContext context = browsers.context()) {
      Page page = context.newPage();
      List<String> dialogs = new CopyOnWriteArrayList<>();
      page.onDialog(
          dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
          });
      Browsers.signIn(page, "ada", "/inbox/all/" + conversationId);
      Locator text =
          page.locator("[data-testid=message-text]")
              .filter(new Locator.FilterOptions().setHasText(attack));
      text.waitFor();

      assertThat(text.textContent()).isEqualTo(attack);
      assertThat(page.locator("img[src=x]").count()).isZero();
      page.waitForTimeout(500);
      assertThat(dialogs).isEmpty();
    }
  }

  /** How many pixels the page is wider than the window. */
  private static int widthOverflow(Page page) {
    return ((Number)
            page.evaluate(
                "() => document.documentElement.scrollWidth -"
                    + " document.documentElement.clientWidth"))
        .intValue();
  }

  private static JsonPath instagramInbox(String account) {
    return RunningSystem.connectInbox(
        Map.of(
            "name",
            "Instagram browser " + account,
            "channel",
            "instagram",
            "instagramAccountId",
            account,
            "accessToken",
            "IGAA-browser-test",
            "appSecret",
            APP_SECRET));
  }
}
