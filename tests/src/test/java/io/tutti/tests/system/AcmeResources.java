package io.tutti.tests.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What of acme the access matrix addresses, made through the API by its admin ada (and by customers
 * writing in on signed webhooks): named by placeholders such as {@code {conversation}} that the
 * matrix's paths and bodies use. Each resource carries this run's own tag and each customer is new,
 * so runs and other system tests never meet. {@link #remove()} takes away what the API can take
 * away; inboxes and teams have no {@code DELETE} and stay.
 */
final class AcmeResources {

  private static final String GATEWAY = RunningSystem.GATEWAY_URL;
  private static final String APP_SECRET = "system-test-matrix-app-secret";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** Placeholder name → value. */
  private final Map<String, String> values = new LinkedHashMap<>();

  /** Values that are acme's own: another workspace's caller must never be shown one. */
  private final List<String> markers = new ArrayList<>();

  /** The text with every {@code {name}} of a resource replaced by its value. */
  String resolve(String template) {
    if (template == null) {
      return null;
    }
    String text = template;
    for (Map.Entry<String, String> value : values.entrySet()) {
      text = text.replace("{" + value.getKey() + "}", value.getValue());
    }
    return text;
  }

  /** The acme values an answer shows that the request did not send itself. */
  List<String> acmeValuesIn(String answer, String request) {
    return markers.stream()
        .filter(marker -> answer.contains(marker) && !request.contains(marker))
        .toList();
  }

  /** Makes them; what was made before a failure is still known to {@link #remove()}. */
  void build() {
    String run = letters(8);
    put("run", run, true);
    String ada = RunningSystem.tokenFor("ada");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    put("from", today.minusDays(2).toString(), false);
    put("to", today.plusDays(1).toString(), false);
    put("missing", UUID.randomUUID().toString(), false);

    // alice has signed in, so conversations knows her as an agent of acme.
    put(
        "agent",
        RunningSystem.get(RunningSystem.tokenFor("alice"), "/api/agents/me").getString("id"));

    JsonPath whatsapp =
        RunningSystem.connectInbox(
            Map.of(
                "name",
                "WhatsApp access matrix " + run,
                "channel",
                "whatsapp",
                "phoneNumberId",
                String.valueOf(System.nanoTime()),
                "accessToken",
                "EAAG-matrix",
                "appSecret",
                APP_SECRET));
    put("whatsappInbox", whatsapp.getString("id"));
    put("whatsappInboxName", whatsapp.getString("name"), false);
    put("verifyToken", whatsapp.getString("verifyToken"), false);
    String account = String.valueOf(System.nanoTime());
    JsonPath instagram =
        RunningSystem.connectInbox(
            Map.of(
                "name",
                "Instagram access matrix " + run,
                "channel",
                "instagram",
                "instagramAccountId",
                account,
                "accessToken",
                "IGAA-matrix",
                "appSecret",
                APP_SECRET));
    put("instagramInbox", instagram.getString("id"));
    String inboundSecret = "matrix-inbound-" + UUID.randomUUID();
    JsonPath email =
        RunningSystem.connectInbox(
            Map.of(
                "name",
                "Email access matrix " + run,
                "channel",
                "email",
                "address",
                "matrix-" + run + "@acme.example",
                "inboundSecret",
                inboundSecret));
    put("emailInbox", email.getString("id"));
    // Only their webhooks are called, unsigned: any inbox of the channel will do.
    put("messengerInbox", inboxOf(ada, "messenger", Map.of("pageId", account)));
    put(
        "smsInbox",
        inboxOf(
            ada,
            "sms",
            Map.of(
                "accountSid",
                "AC" + "0123456789abcdef".repeat(2),
                "authToken",
                "matrix-twilio-token",
                "phoneNumber",
                "+1555" + digits(7))));
    put(
        "telegramInbox",
        inboxOf(
            ada,
            "telegram",
            Map.of("botToken", "123456789:AAmatrix-" + run, "secretToken", "matrix-" + run)));

    put("team", create(ada, "/api/teams", teamBody()).getString("id"));
    put("teamBody", json(teamBody()), false);
    put("rule", create(ada, "/api/routing-rules", ruleBody()).getString("id"));
    put("ruleBody", json(ruleBody()), false);
    put("spareRule", create(ada, "/api/routing-rules", ruleBody()).getString("id"));
    put(
        "canned",
        create(ada, "/api/canned-responses", cannedBody("matrix-" + run)).getString("id"));
    put("cannedBody", json(cannedBody("matrix-" + run)), false);
    put(
        "spareCanned",
        create(ada, "/api/canned-responses", cannedBody("matrix-spare-" + run)).getString("id"));
    put("siteKey", create(ada, "/api/attribution/sites", siteBody()).getString("siteKey"));
    put("spareSiteKey", create(ada, "/api/attribution/sites", siteBody()).getString("siteKey"));
    put("shop", create(ada, "/api/attribution/shops", shopBody("matrix-" + run)).getString("id"));
    put(
        "spareShop",
        create(ada, "/api/attribution/shops", shopBody("matrix-spare-" + run)).getString("id"));

    // Customers write in, one after the other: on WhatsApp (the contact the matrix addresses), by
    // email with an attachment, and two on Instagram, the second giving the first one's phone
    // (profiles suggests merging them), the first a contact the admin's erasure may take.
    String phone = "+49151" + digits(8);
    String hello = "Hello, is my order " + run + " on its way?";
    JsonPath first =
        contactWriting(
            ada,
            value("whatsappInbox"),
            hello,
            () -> writeOnWhatsApp(whatsapp, phone, "Matrix " + run, hello));
    put("conversation", first.getString("id"));
    put("contact", first.getString("contactId"));
    String stage = RunningSystem.get(ada, "/api/contacts/" + value("contact")).getString("stage");
    put("stage", stage, false);
    put(
        "emailContact",
        contactWriting(ada, value("emailInbox"), "", () -> writeEmail(email, inboundSecret, run))
            .getString("contactId"));
    String eraseMe = "Erase me, " + run;
    String igsid = "18" + digits(14);
    put(
        "erasable",
        contactWriting(
                ada,
                value("instagramInbox"),
                eraseMe,
                () ->
                    RunningSystem.postMetaWebhook(
                        instagram,
                        APP_SECRET,
                        RunningSystem.instagramDm(account, igsid, mid(), eraseMe)))
            .getString("contactId"));
    String mention = "I wrote on WhatsApp too: " + phone;
    String otherIgsid = "17" + digits(14);
    put(
        "otherContact",
        contactWriting(
                ada,
                value("instagramInbox"),
                mention,
                () ->
                    RunningSystem.postMetaWebhook(
                        instagram,
                        APP_SECRET,
                        RunningSystem.instagramDm(account, otherIgsid, mid(), mention)))
            .getString("contactId"));
    put(
        "suggestion",
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    RunningSystem.get(
                            ada, "/api/contacts/merge-suggestions?contactId=" + value("contact"))
                        .getString("items[0].id"),
                Objects::nonNull));

    // ada merges the two and undoes it: the merge stays on record, undone, and the suggestion
    // decided.
    String merge =
        post(
                ada,
                "/api/contacts/" + value("contact") + "/merge",
                Map.of("otherContactId", value("otherContact")))
            .getString("merge.mergeId");
    put("merge", merge);
    post(ada, "/api/contacts/" + value("contact") + "/unmerge", Map.of("mergeId", merge));

    String attachmentUrl =
        await()
            .atMost(PATIENCE)
            .until(() -> emailAttachmentUrl(ada, value("emailInbox")), Objects::nonNull);
    String attachmentPath = attachmentUrl.substring(attachmentUrl.indexOf("/api/inboxes/"));
    put("attachment", attachmentPath.substring(attachmentPath.lastIndexOf('/') + 1));

    // A visit from the matrix's campaign, so acme's report has a row another workspace's must not
    // show (one row for every run, not one each).
    String campaign = "access-matrix";
    put("campaign", campaign);
    given()
        .contentType("text/plain;charset=UTF-8")
        .body(
            "{\"type\":\"page\",\"anonymousId\":\""
                + UUID.randomUUID()
                + "\",\"url\":\"https://acme.example/?utm_source=access-matrix&utm_campaign="
                + campaign
                + "\"}")
        .post(RunningSystem.GATEWAY_URL + "/track?key=" + value("siteKey"))
        .then()
        .statusCode(202);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                RunningSystem.get(
                        ada,
                        resolve(
                            "/api/attribution/report?from={from}&to={to}&model=first_touch"
                                + "&groupBy=campaign"))
                    .getList("rows.key"),
            keys -> keys.contains(campaign));

    // acme's dead letters (replies that could not be delivered) are the demo's; one, if any,
    // is addressed by another workspace's admin, and none is replayed.
    String deadLetter =
        RunningSystem.get(ada, "/api/admin/dead-letters?state=all").getString("[0].id");
    put("deadLetter", deadLetter != null ? deadLetter : UUID.randomUUID().toString());
  }

  /** Takes away what the API can: contacts (with their conversations), rules, snippets, sites. */
  void remove() {
    String ada = RunningSystem.tokenFor("ada");
    for (String path :
        List.of(
            "/api/routing-rules/{rule}",
            "/api/routing-rules/{spareRule}",
            "/api/canned-responses/{canned}",
            "/api/canned-responses/{spareCanned}",
            "/api/attribution/sites/{siteKey}",
            "/api/attribution/sites/{spareSiteKey}",
            "/api/attribution/shops/{shop}",
            "/api/attribution/shops/{spareShop}",
            "/api/contacts/{contact}",
            "/api/contacts/{otherContact}",
            "/api/contacts/{erasable}",
            "/api/contacts/{emailContact}")) {
      String resolved = resolve(path);
      // A run that failed half-way made only some of them; the matrix may have deleted others.
      if (!resolved.contains("{")) {
        given().auth().oauth2(ada).delete(GATEWAY + resolved);
      }
    }
  }

  private String value(String name) {
    return Objects.requireNonNull(values.get(name), name);
  }

  private void put(String name, String value) {
    put(name, value, true);
  }

  private void put(String name, String value, boolean acmesOwn) {
    values.put(name, Objects.requireNonNull(value, name));
    if (acmesOwn) {
      markers.add(value);
    }
  }

  private Map<String, Object> teamBody() {
    return Map.of(
        "name",
        "Access matrix " + value("run"),
        "description",
        "Addressed by the access matrix system test",
        "memberIds",
        List.of(),
        "strategy",
        "manual");
  }

  /** Disabled, and limited to this run's inbox besides: it never routes anything. */
  private Map<String, Object> ruleBody() {
    return Map.of(
        "name",
        "Access matrix " + value("run"),
        "enabled",
        false,
        "trigger",
        "conversation_opened",
        "match",
        "all",
        "conditions",
        List.of(Map.of("field", "inbox", "operator", "equals", "value", value("whatsappInbox"))),
        "actions",
        List.of(Map.of("type", "add_label", "value", "access-matrix")),
        "stopAfter",
        false);
  }

  private static Map<String, Object> cannedBody(String shortcut) {
    return Map.of("shortcut", shortcut, "title", "Access matrix", "text", "Hello!");
  }

  private Map<String, Object> siteBody() {
    return Map.of("name", "Access matrix " + value("run"));
  }

  private static Map<String, Object> shopBody(String name) {
    return Map.of(
        "name", name, "shopDomain", name + ".myshopify.com", "webhookSecret", "matrix-shop-secret");
  }

  private static JsonPath create(String token, String path, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post(GATEWAY + path)
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static JsonPath post(String token, String path, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post(GATEWAY + path)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The id of an inbox of the channel acme has, connecting one when it has none. */
  private String inboxOf(String ada, String channel, Map<String, Object> credentials) {
    String found =
        RunningSystem.get(ada, "/api/inboxes")
            .getString("find { it.channel == '" + channel + "' }.id");
    if (found != null) {
      return found;
    }
    Map<String, Object> fields = new LinkedHashMap<>(credentials);
    fields.put("name", channel + " access matrix " + value("run"));
    fields.put("channel", channel);
    if (channel.equals("messenger")) {
      fields.put("accessToken", "EAAG-matrix");
      fields.put("appSecret", APP_SECRET);
    }
    return RunningSystem.connectInbox(fields).getString("id");
  }

  /**
   * The conversation of the inbox whose last message contains {@code text}, once profiles has
   * resolved its customer to a contact. The customer writes (again, with a new message) when it is
   * not: conversations can open a conversation while the {@code contact.resolved} of its first
   * message is being handled, and the conversation then waits for the customer's next message to
   * learn its contact.
   */
  private static JsonPath contactWriting(
      String token, String inboxId, String text, Runnable write) {
    for (int attempt = 1; ; attempt++) {
      write.run();
      try {
        Map<String, Object> found =
            await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .until(
                    () ->
                        RunningSystem.queue(token, "all", inboxId)
                            .<Map<String, Object>>getList("items")
                            .stream()
                            .filter(item -> preview(item).contains(text))
                            .filter(item -> item.get("contactId") != null)
                            .findFirst()
                            .orElse(null),
                    Objects::nonNull);
        return JsonPath.from(json(found));
      } catch (ConditionTimeoutException notYet) {
        if (attempt == 3) {
          throw notYet;
        }
      }
    }
  }

  private static String preview(Map<String, Object> item) {
    Object preview = item.get("lastMessagePreview");
    return preview == null ? "" : preview.toString();
  }

  private static String mid() {
    return "mx-" + UUID.randomUUID();
  }

  private static String emailAttachmentUrl(String token, String inboxId) {
    String conversation = RunningSystem.queue(token, "all", inboxId).getString("items[0].id");
    if (conversation == null) {
      return null;
    }
    return RunningSystem.get(token, "/api/conversations/" + conversation + "/messages")
        .getString("items.find { it.attachments }.attachments[0].url");
  }

  private static void writeOnWhatsApp(JsonPath inbox, String phone, String name, String text) {
    String waId = phone.substring(1);
    RunningSystem.postMetaWebhook(
        inbox,
        APP_SECRET,
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":"
            + "\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":"
            + "{\"display_phone_number\":\"15555550100\",\"phone_number_id\":\""
            + inbox.getString("phoneNumberId")
            + "\"},\"contacts\":[{\"profile\":{\"name\":\""
            + name
            + "\"},\"wa_id\":\""
            + waId
            + "\"}],\"messages\":[{\"from\":\""
            + waId
            + "\",\"id\":\"wamid.matrix-"
            + System.nanoTime()
            + "\",\"timestamp\":\""
            + System.currentTimeMillis() / 1000
            + "\",\"type\":\"text\",\"text\":{\"body\":\""
            + text
            + "\"}}]}}]}]}");
  }

  /** A customer's email with a small attachment, posted as a mail provider's inbound route. */
  private static void writeEmail(JsonPath inbox, String secret, String run) {
    String invoice = "Invoice " + run;
    String email =
        "From: Matrix Mailer <matrix-"
            + run
            + "@customer.example>\r\n"
            + "To: "
            + inbox.getString("address")
            + "\r\n"
            + "Subject: "
            + invoice
            + "\r\n"
            + "Message-ID: <"
            + UUID.randomUUID()
            + "@customer.example>\r\n"
            + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"matrix\"\r\n\r\n"
            + "--matrix\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
            + "The invoice is attached.\r\n"
            + "--matrix\r\n"
            + "Content-Type: text/plain; name=\"invoice.txt\"\r\n"
            + "Content-Disposition: attachment; filename=\"invoice.txt\"\r\n\r\n"
            + invoice
            + "\r\n"
            + "--matrix--\r\n";
    given()
        .contentType("message/rfc822")
        .header("Authorization", "Bearer " + secret)
        .body(email.getBytes(StandardCharsets.UTF_8))
        .post(inbox.getString("webhookUrl"))
        .then()
        .statusCode(200);
  }

  private static String json(Map<String, Object> body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String letters(int count) {
    return ThreadLocalRandom.current()
        .ints(count, 'a', 'z' + 1)
        .mapToObj(c -> String.valueOf((char) c))
        .collect(Collectors.joining());
  }

  private static String digits(int count) {
    return ThreadLocalRandom.current()
        .ints(count, 0, 10)
        .mapToObj(String::valueOf)
        .collect(Collectors.joining());
  }
}
