package io.tutti.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.tutti.bench.http.JsonHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workspace the benchmark drives, made through the same doors an admin uses: users in
 * Keycloak's admin API, then inboxes, teams and routing rules through the gateway. Safe to run
 * again: it looks before it creates.
 *
 * <p>Agents are split into teams of {@link #TEAM_SIZE}; a routing rule sends a customer's first
 * message to the team its text names ({@code #team-07}), so each conversation is seen by one team's
 * sockets, as in a real support floor, not by every agent.
 */
final class BenchSetup {

  static final String WORKSPACE = "bench";
  static final String PASSWORD = "bench";
  static final int TEAM_SIZE = 20;

  /** The platform ids and secrets of the bench's inboxes, one per channel. */
  static final String APP_SECRET = "bench-app-secret";

  static final String TWILIO_TOKEN = "bench-twilio-auth-token";
  static final String TELEGRAM_SECRET = "bench-telegram-secret";
  static final String EMAIL_SECRET = "bench-inbound-email-secret";
  static final String INSTAGRAM_ACCOUNT = "17841499999999901";
  static final String PAGE_ID = "599999999999901";
  static final String PHONE_NUMBER_ID = "9999999999901";
  static final String TWILIO_ACCOUNT = "ACbe0c0000000000000000000000000001";
  static final String TWILIO_NUMBER = "+15555550199";
  static final String TELEGRAM_BOT = "999999999:AAbench-token-not-a-real-bot-000";

  private final JsonHttp http;
  private final String gateway;
  private final String oidc;
  private final String keycloakAdminPassword;

  BenchSetup(JsonHttp http, String gateway, String oidc, String keycloakAdminPassword) {
    this.http = http;
    this.gateway = gateway;
    this.oidc = oidc;
    this.keycloakAdminPassword = keycloakAdminPassword;
  }

  /** An inbox: its id, channel and the webhook URL it shows the admin. */
  record Inbox(String id, String channel, String webhookUrl) {}

  /** A team and the usernames in it. */
  record Team(String id, String tag, List<String> members) {}

  /** Everything the load needs. */
  record World(List<Inbox> inboxes, List<Team> teams, List<String> agents) {}

  World prepare(int agents) {
    String admin = keycloakAdminToken();
    ensureUser(admin, "bench-admin", "admin");
    List<String> agentNames = new ArrayList<>();
    Map<String, String> ids = new LinkedHashMap<>();
    for (int i = 1; i <= agents; i++) {
      String name = "bench-agent-%03d".formatted(i);
      agentNames.add(name);
      ids.put(name, ensureUser(admin, name, "agent"));
    }
    String token = token("bench-admin");
    List<Inbox> inboxes = ensureInboxes(token);
    List<Team> teams = new ArrayList<>();
    int teamCount = Math.max(1, (agents + TEAM_SIZE - 1) / TEAM_SIZE);
    for (int t = 0; t < teamCount; t++) {
      List<String> members =
          agentNames.subList(t * TEAM_SIZE, Math.min(agents, (t + 1) * TEAM_SIZE));
      String tag = "#team-%02d".formatted(t + 1);
      String teamId =
          ensureTeam(token, "Bench team " + (t + 1), members.stream().map(ids::get).toList());
      ensureRule(token, "Bench route " + tag, tag, teamId);
      teams.add(new Team(teamId, tag, List.copyOf(members)));
    }
    return new World(inboxes, teams, agentNames);
  }

  /** A user's access token from the realm (client tutti-cli, password grant). */
  String token(String username) {
    return http.form(
            oidc + "/protocol/openid-connect/token",
            Map.of(
                "grant_type",
                "password",
                "client_id",
                "tutti-cli",
                "username",
                username,
                "password",
                PASSWORD))
        .path("access_token")
        .asText();
  }

  private String keycloakAdminToken() {
    return http.form(
            keycloakBase() + "/realms/master/protocol/openid-connect/token",
            Map.of(
                "grant_type", "password",
                "client_id", "admin-cli",
                "username", "admin",
                "password", keycloakAdminPassword))
        .path("access_token")
        .asText();
  }

  private String keycloakBase() {
    return oidc.substring(0, oidc.indexOf("/realms/"));
  }

  private String realmAdmin() {
    return keycloakBase() + "/admin/realms/" + oidc.substring(oidc.indexOf("/realms/") + 8);
  }

  /** The user's Keycloak id, creating the user with the role when missing. */
  private String ensureUser(String admin, String username, String role) {
    String users = realmAdmin() + "/users";
    String query =
        users + "?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8);
    JsonNode found = http.get(query, admin);
    if (found.size() > 0) {
      return found.get(0).path("id").asText();
    }
    http.post(
        users,
        admin,
        Map.of(
            "username",
            username,
            "enabled",
            true,
            "firstName",
            "Bench",
            "lastName",
            username.substring(username.lastIndexOf('-') + 1),
            "email",
            username + "@bench.example",
            "emailVerified",
            true,
            "attributes",
            Map.of("workspace", List.of(WORKSPACE)),
            "credentials",
            List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
    String id = http.get(query, admin).get(0).path("id").asText();
    JsonNode realmRole = http.get(realmAdmin() + "/roles/" + role, admin);
    http.post(users + "/" + id + "/role-mappings/realm", admin, List.of(realmRole));
    return id;
  }

  private List<Inbox> ensureInboxes(String token) {
    Map<String, Map<String, Object>> wanted = new LinkedHashMap<>();
    wanted.put(
        "instagram",
        Map.of(
            "instagramAccountId", INSTAGRAM_ACCOUNT,
            "accessToken", "bench-token",
            "appSecret", APP_SECRET));
    wanted.put(
        "messenger",
        Map.of("pageId", PAGE_ID, "accessToken", "bench-token", "appSecret", APP_SECRET));
    wanted.put(
        "whatsapp",
        Map.of(
            "phoneNumberId", PHONE_NUMBER_ID,
            "accessToken", "bench-token",
            "appSecret", APP_SECRET));
    wanted.put(
        "sms",
        Map.of(
            "accountSid", TWILIO_ACCOUNT,
            "authToken", TWILIO_TOKEN,
            "phoneNumber", TWILIO_NUMBER));
    wanted.put("telegram", Map.of("botToken", TELEGRAM_BOT, "secretToken", TELEGRAM_SECRET));
    wanted.put("email", Map.of("address", "support@bench.example", "inboundSecret", EMAIL_SECRET));
    JsonNode existing = http.get(gateway + "/api/inboxes", token);
    List<Inbox> inboxes = new ArrayList<>();
    for (var channel : wanted.entrySet()) {
      String name = "Bench " + channel.getKey();
      Map<String, Object> body = new LinkedHashMap<>(channel.getValue());
      body.put("name", name);
      body.put("channel", channel.getKey());
      JsonNode inbox = null;
      for (JsonNode candidate : items(existing)) {
        if (candidate.path("name").asText().equals(name)) {
          inbox = candidate;
        }
      }
      if (inbox == null) {
        inbox = http.post(gateway + "/api/inboxes", token, body);
      } else if (inbox.path("credentialsUnreadable").asBoolean(false)) {
        inbox = http.put(gateway + "/api/inboxes/" + inbox.path("id").asText(), token, body);
      }
      inboxes.add(
          new Inbox(
              inbox.path("id").asText(), channel.getKey(), inbox.path("webhookUrl").asText()));
    }
    return inboxes;
  }

  private String ensureTeam(String token, String name, List<String> memberIds) {
    Map<String, Object> body = Map.of("name", name, "memberIds", memberIds);
    for (JsonNode team : items(http.get(gateway + "/api/teams", token))) {
      if (team.path("name").asText().equals(name)) {
        String id = team.path("id").asText();
        http.put(gateway + "/api/teams/" + id, token, body);
        return id;
      }
    }
    return http.post(gateway + "/api/teams", token, body).path("id").asText();
  }

  private void ensureRule(String token, String name, String tag, String teamId) {
    Map<String, Object> body =
        Map.of(
            "name",
            name,
            "enabled",
            true,
            "trigger",
            "conversation_opened",
            "match",
            "all",
            "conditions",
            List.of(Map.of("field", "message.text", "operator", "contains", "value", tag)),
            "actions",
            List.of(Map.of("type", "assign_team", "teamId", teamId)),
            "stopAfter",
            true);
    for (JsonNode rule : items(http.get(gateway + "/api/routing-rules", token))) {
      if (rule.path("name").asText().equals(name)) {
        http.put(gateway + "/api/routing-rules/" + rule.path("id").asText(), token, body);
        return;
      }
    }
    http.post(gateway + "/api/routing-rules", token, body);
  }

  /** A list answer, whether a bare array or a page of {@code items}. */
  private static JsonNode items(JsonNode answer) {
    return answer.isArray() ? answer : answer.path("items");
  }
}
