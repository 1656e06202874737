package io.tutti.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.bench.http.JsonHttp;
import io.tutti.bench.http.Waits;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the fuzz run needs in the running system, made through the same doors an admin uses and
 * found again on the next run (it looks before it creates): one inbox per webhook channel with
 * secrets the run knows ({@code Fuzz instagram}, …), a tracked website, a team, a disabled rule, a
 * canned response, and an anchor conversation on three channels (a customer message with a fixed
 * platform id, so a second run adds nothing), whose ids the API cases write to. Nothing here
 * touches the demo's own inboxes, conversations or rules.
 */
final class FuzzSetup {

  static final String APP_SECRET = "fuzz-app-secret";
  static final String TWILIO_TOKEN = "fuzz-twilio-auth-token";
  static final String TELEGRAM_SECRET = "fuzz-telegram-secret";
  static final String EMAIL_SECRET = "fuzz-inbound-email-secret";
  static final String SITE_KEY = "fuzz_site_key_0001";
  static final Map<String, String> ACCOUNTS =
      Map.of(
          "instagram", "17841499999999977",
          "messenger", "599999999999977",
          "whatsapp", "9999999999977",
          "sms", "ACf0220000000000000000000000000077");

  private final JsonHttp http;
  private final Routes routes;
  private final List<String> notes = new ArrayList<>();

  private final Duration anchorWait;

  FuzzSetup(JsonHttp http, Routes routes, Duration anchorWait) {
    this.http = http;
    this.routes = routes;
    this.anchorWait = anchorWait;
  }

  /** What the set-up had to do otherwise than planned, for the report. */
  List<String> notes() {
    return List.copyOf(notes);
  }

  /** A user's access token (client tutti-cli, password grant). */
  static String token(JsonHttp http, Credentials credentials) {
    return http.form(
            URI.create(credentials.oidcUrl() + "/protocol/openid-connect/token"),
            Map.of(
                "grant_type", "password",
                "client_id", credentials.clientId(),
                "username", credentials.username(),
                "password", credentials.password()))
        .path("access_token")
        .asText();
  }

  /** The token's subject: the user id the API knows the admin by. */
  static String subject(String token) {
    String[] parts = token.split("\\.");
    if (parts.length < 2) {
      throw new IllegalArgumentException("not a JWT");
    }
    try {
      return Mutator.JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("sub").asText();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a JWT", e);
    }
  }

  FuzzTargets prepare(String token) {
    Map<String, FuzzTargets.Inbox> inboxes = ensureInboxes(token);
    String siteKey = ensureSite(token);
    String teamId = ensureTeam(token);
    String ruleId = ensureRule(token, teamId);
    String cannedId = ensureCanned(token);
    sendAnchors(inboxes);
    List<JsonNode> conversations = awaitAnchors(token, inboxes);
    if (conversations.isEmpty()) {
      conversations = borrowConversations(token);
    }
    List<String> conversationIds = new ArrayList<>();
    TreeSet<String> contactIds = new TreeSet<>();
    TreeSet<String> messageIds = new TreeSet<>();
    for (JsonNode conversation : conversations) {
      String id = conversation.path("id").asText();
      conversationIds.add(id);
      contactIds.add(conversation.path("contactId").asText());
      for (JsonNode message :
          items(http.get(url("/api/conversations/" + id + "/messages"), token))) {
        messageIds.add(message.path("id").asText());
      }
    }
    return new FuzzTargets(
        inboxes,
        siteKey,
        conversationIds.stream().sorted().toList(),
        List.copyOf(contactIds),
        List.copyOf(messageIds),
        List.of(teamId),
        List.of(ruleId),
        List.of(cannedId),
        subject(token));
  }

  private Map<String, FuzzTargets.Inbox> ensureInboxes(String token) {
    Map<String, Map<String, Object>> wanted = new LinkedHashMap<>();
    wanted.put(
        "instagram",
        Map.of(
            "instagramAccountId",
            ACCOUNTS.get("instagram"),
            "accessToken",
            "fuzz-token",
            "appSecret",
            APP_SECRET));
    wanted.put(
        "messenger",
        Map.of(
            "pageId",
            ACCOUNTS.get("messenger"),
            "accessToken",
            "fuzz-token",
            "appSecret",
            APP_SECRET));
    wanted.put(
        "whatsapp",
        Map.of(
            "phoneNumberId",
            ACCOUNTS.get("whatsapp"),
            "accessToken",
            "fuzz-token",
            "appSecret",
            APP_SECRET));
    wanted.put(
        "sms",
        Map.of(
            "accountSid",
            ACCOUNTS.get("sms"),
            "authToken",
            TWILIO_TOKEN,
            "phoneNumber",
            "+15555550177"));
    wanted.put(
        "telegram",
        Map.of(
            "botToken",
            "999999977:AAfuzz-token-not-a-real-bot-0000",
            "secretToken",
            TELEGRAM_SECRET));
    wanted.put("email", Map.of("address", "support@fuzz.example", "inboundSecret", EMAIL_SECRET));
    Map<String, String> secrets =
        Map.of(
            "instagram", APP_SECRET,
            "messenger", APP_SECRET,
            "whatsapp", APP_SECRET,
            "sms", TWILIO_TOKEN,
            "telegram", TELEGRAM_SECRET,
            "email", EMAIL_SECRET);
    JsonNode existing = http.get(url("/api/inboxes"), token);
    Map<String, FuzzTargets.Inbox> inboxes = new LinkedHashMap<>();
    for (var channel : wanted.entrySet()) {
      String name = "Fuzz " + channel.getKey();
      Map<String, Object> body = new LinkedHashMap<>(channel.getValue());
      body.put("name", name);
      body.put("channel", channel.getKey());
      JsonNode inbox = null;
      for (JsonNode candidate : items(existing)) {
        if (candidate.path("name").asText().equals(name)
            && candidate.path("channel").asText().equals(channel.getKey())) {
          inbox = candidate;
        }
      }
      // Put again every run: the secrets the cases sign with are then the stored ones.
      inbox =
          inbox == null
              ? http.post(url("/api/inboxes"), token, body)
              : http.put(url("/api/inboxes/" + inbox.path("id").asText()), token, body);
      inboxes.put(
          channel.getKey(),
          new FuzzTargets.Inbox(
              inbox.path("id").asText(),
              inbox.path("webhookUrl").asText(),
              secrets.get(channel.getKey()),
              ACCOUNTS.get(channel.getKey()),
              inbox.path("verifyToken").isMissingNode()
                  ? null
                  : inbox.path("verifyToken").asText()));
    }
    return inboxes;
  }

  private String ensureSite(String token) {
    for (JsonNode site : items(http.get(url("/api/attribution/sites"), token))) {
      if (SITE_KEY.equals(site.path("siteKey").asText())) {
        return SITE_KEY;
      }
    }
    http.post(
        url("/api/attribution/sites"), token, Map.of("name", "Fuzz site", "siteKey", SITE_KEY));
    return SITE_KEY;
  }

  private String ensureTeam(String token) {
    for (JsonNode team : items(http.get(url("/api/teams"), token))) {
      if (team.path("name").asText().equals("Fuzz team")) {
        return team.path("id").asText();
      }
    }
    return http.post(
            url("/api/teams"),
            token,
            Map.of("name", "Fuzz team", "description", "Target of the fuzz run's writes"))
        .path("id")
        .asText();
  }

  private String ensureRule(String token, String teamId) {
    for (JsonNode rule : items(http.get(url("/api/routing-rules"), token))) {
      if (rule.path("name").asText().equals("Fuzz rule")) {
        return rule.path("id").asText();
      }
    }
    return http.post(
            url("/api/routing-rules"),
            token,
            Map.of(
                "name",
                "Fuzz rule",
                "enabled",
                false,
                "trigger",
                "conversation_opened",
                "conditions",
                List.of(
                    Map.of("field", "message.text", "operator", "contains", "value", "fuzz-never")),
                "actions",
                List.of(Map.of("type", "assign_team", "teamId", teamId))))
        .path("id")
        .asText();
  }

  private String ensureCanned(String token) {
    for (JsonNode canned : items(http.get(url("/api/canned-responses"), token))) {
      if (canned.path("shortcut").asText().equals("fuzz-anchor")) {
        return canned.path("id").asText();
      }
    }
    return http.post(
            url("/api/canned-responses"),
            token,
            Map.of("shortcut", "fuzz-anchor", "title", "Fuzz", "text", "Hi {{contact.name}}!"))
        .path("id")
        .asText();
  }

  /** One customer message on Telegram, Twilio and Instagram, with fixed platform ids. */
  private void sendAnchors(Map<String, FuzzTargets.Inbox> inboxes) {
    FuzzTargets.Inbox telegram = inboxes.get("telegram");
    String update =
        "{\"update_id\":977000001,\"message\":{\"message_id\":977000001,\"date\":"
            + Instant.now().getEpochSecond()
            + ",\"chat\":{\"id\":977000001,\"type\":\"private\",\"first_name\":\"Fuzz\",\"last_name\":\"Anchor\"},"
            + "\"from\":{\"id\":977000001,\"is_bot\":false,\"first_name\":\"Fuzz\",\"last_name\":\"Anchor\"},\"text\":\"fuzz-anchor"
            + " telegram\"}}";
    http.postRaw(
        url(telegram.webhookPath()),
        Map.of(
            "Content-Type",
            "application/json",
            "X-Telegram-Bot-Api-Secret-Token",
            telegram.secret()),
        update.getBytes(StandardCharsets.UTF_8));

    FuzzTargets.Inbox sms = inboxes.get("sms");
    List<Map.Entry<String, String>> params =
        List.of(
            Map.entry("AccountSid", sms.accountId()),
            Map.entry("Body", "fuzz-anchor sms"),
            Map.entry("From", "+15555550977"),
            Map.entry("MessageSid", "SMf0220000000000000000000000000977"),
            Map.entry("NumMedia", "0"),
            Map.entry("To", "+15555550177"));
    http.postRaw(
        url(sms.webhookPath()),
        Map.of(
            "Content-Type",
            "application/x-www-form-urlencoded",
            "X-Twilio-Signature",
            Signing.twilio(sms.secret(), sms.webhookUrl(), params)),
        WebhookCases.Form.encode(params).getBytes(StandardCharsets.UTF_8));

    FuzzTargets.Inbox instagram = inboxes.get("instagram");
    long now = System.currentTimeMillis();
    String dm =
        "{\"object\":\"instagram\",\"entry\":[{\"time\":"
            + now
            + ",\"id\":\""
            + instagram.accountId()
            + "\",\"messaging\":[{\"sender\":{\"id\":\"977000000000001\"},\"recipient\":{\"id\":\""
            + instagram.accountId()
            + "\"},\"timestamp\":"
            + now
            + ",\"message\":{\"mid\":\"fuzz-anchor-instagram-1\",\"text\":\"fuzz-anchor"
            + " instagram\"}}]}]}";
    byte[] body = dm.getBytes(StandardCharsets.UTF_8);
    http.postRaw(
        url(instagram.webhookPath()),
        Map.of(
            "Content-Type",
            "application/json",
            "X-Hub-Signature-256",
            Signing.meta(instagram.secret(), body)),
        body);
  }

  /**
   * The anchors' conversations, once the pipeline has made them (within {@code anchorWait}); none
   * when it did not (connectors apart from the rest of the system, or the pipeline down).
   */
  private List<JsonNode> awaitAnchors(String token, Map<String, FuzzTargets.Inbox> inboxes) {
    List<String> channels = List.of("telegram", "sms", "instagram");
    List<JsonNode> found = new java.util.concurrent.CopyOnWriteArrayList<>();
    boolean all =
        Waits.until(
            () -> {
              found.clear();
              found.addAll(anchors(token, inboxes, channels));
              return found.stream()
                      .map(conversation -> conversation.path("inboxId").asText())
                      .distinct()
                      .count()
                  == channels.size();
            },
            anchorWait);
    if (all) {
      return List.copyOf(found);
    }
    notes.add(
        "the anchor conversations did not appear within "
            + anchorWait.toSeconds()
            + " s (found "
            + found.size()
            + "): API writes borrow the workspace's oldest conversations");
    return List.of();
  }

  /** The anchors' conversations the queue shows now, on the given channels' inboxes. */
  private List<JsonNode> anchors(
      String token, Map<String, FuzzTargets.Inbox> inboxes, List<String> channels) {
    List<JsonNode> found = new ArrayList<>();
    for (String channel : channels) {
      String query =
          "/api/conversations?view=all&limit=50&q="
              + URLEncoder.encode("fuzz-anchor", StandardCharsets.UTF_8)
              + "&inbox="
              + inboxes.get(channel).id();
      for (JsonNode conversation : items(http.get(url(query), token))) {
        found.add(conversation);
      }
    }
    return found;
  }

  /** The workspace's three oldest conversations (ids are time-ordered UUIDv7). */
  private List<JsonNode> borrowConversations(String token) {
    List<JsonNode> all = new ArrayList<>();
    items(http.get(url("/api/conversations?view=all&limit=100"), token)).forEach(all::add);
    return all.stream()
        .sorted(java.util.Comparator.comparing(conversation -> conversation.path("id").asText()))
        .limit(3)
        .toList();
  }

  private URI url(String path) {
    return routes.resolve(path);
  }

  /** A list answer, whether a bare array or a page of {@code items}. */
  static JsonNode items(JsonNode answer) {
    return answer.isArray() ? answer : answer.path("items");
  }
}
