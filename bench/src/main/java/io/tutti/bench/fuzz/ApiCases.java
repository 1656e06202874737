package io.tutti.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * API cases through the gateway, as the signed-in admin: the main reads and writes of every service
 * (the queue, a conversation and its messages, contacts and the lead lifecycle, routing rules,
 * teams, inboxes, attribution reports and sales, canned responses, agents) with fuzzed path ids,
 * query parameters, bodies and headers.
 *
 * <p>Writes with a valid id only ever name the fuzz run's own things ({@link FuzzTargets}); deletes
 * and inbox changes get unknown or malformed ids only, so a run never removes a demo rule or
 * changes the secret the webhook cases sign with.
 */
final class ApiCases {

  /** Share of API cases sent with the admin's token; the rest with none or a forged one. */
  static final double TOKEN_SHARE = 0.92;

  private static final List<String> BAD_IDS =
      List.of(
          "not-a-uuid",
          "0",
          "-1",
          "00000000-0000-0000-0000-000000000000",
          "ffffffff-ffff-ffff-ffff-ffffffffffff",
          "01a23c46-b7a2-7000-b1db-bfbbf478e28",
          "01a23c46-b7a2-7000-b1db-bfbbf478e2811",
          "{01a23c46-b7a2-7000-b1db-bfbbf478e281}",
          "01A23C46-B7A2-7000-B1DB-BFBBF478E281",
          "01a23c46b7a27000b1dbbfbbf478e281",
          "g1a23c46-b7a2-7000-b1db-bfbbf478e281",
          "1-1-1-1-1",
          "' OR '1'='1",
          "%00",
          "ü",
          "null",
          "9223372036854775808",
          "a".repeat(300),
          "b".repeat(5000));

  private static final List<String> BAD_DATES =
      List.of(
          "2026-02-30",
          "2026-13-01",
          "2026-1-1",
          "26-01-01",
          "2026/01/01",
          "-999999999-01-01",
          "+999999999-12-31",
          "0000-00-00",
          "1970-01-01",
          "9999-12-31",
          "yesterday",
          "2026-01-01T00:00:00Z",
          "");

  private final FuzzTargets targets;

  ApiCases(FuzzTargets targets) {
    this.targets = targets;
  }

  WebhookCases.Draft draft(Category category, Mutator mutator) {
    Request request =
        switch (category) {
          case API_QUEUE -> queue(mutator);
          case API_CONVERSATION -> conversation(mutator);
          case API_MESSAGES -> messages(mutator);
          case API_CONTACTS -> contacts(mutator);
          case API_ROUTING -> routing(mutator);
          case API_TEAMS -> teams(mutator);
          case API_INBOXES -> inboxes(mutator);
          case API_ATTRIBUTION -> attribution(mutator);
          case API_OTHER -> other(mutator);
          default -> throw new IllegalArgumentException("not an API category: " + category);
        };
    Map<String, String> headers = new LinkedHashMap<>();
    FuzzCase.Auth auth = FuzzCase.Auth.ADMIN_TOKEN;
    if (!mutator.chance(TOKEN_SHARE)) {
      auth = FuzzCase.Auth.INVALID;
      mutator.note("bad-token");
      String forged =
          mutator.pick(
              List.of(
                  "",
                  "Bearer",
                  "Bearer ",
                  "Bearer not.a.jwt",
                  "Bearer eyJhbGciOiJub25lIn0.eyJ3b3Jrc3BhY2UiOiJhY21lIn0.",
                  "Basic YWRhOmRlbW8=",
                  "Bearer " + "x".repeat(9000)));
      if (!forged.isEmpty()) {
        headers.put("Authorization", forged);
      }
    }
    headers.put("Accept", accept(request.accept(), mutator));
    byte[] body = new byte[0];
    if (request.body() != null) {
      body = body(request.body(), mutator);
      contentType(headers, mutator);
    }
    return new WebhookCases.Draft(request.method(), request.path(), headers, body, auth);
  }

  /** An API call before the fuzzed body and headers are put on. */
  private record Request(String method, String path, JsonNode body, String accept) {

    static Request get(String path) {
      return new Request("GET", path, null, "application/json");
    }

    static Request send(String method, String path, JsonNode body) {
      return new Request(method, path, body, "application/json");
    }
  }

  // ---- categories ---------------------------------------------------------------------------

  private Request queue(Mutator mutator) {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    String view =
        mutator.pick(
            List.of("all", "mine", "unassigned", "team:" + id(targets.teamIds(), mutator), "x"));
    maybe(query, mutator, "view", () -> value(view, mutator));
    maybe(
        query,
        mutator,
        "status",
        () -> value(mutator.pick(List.of("open", "pending", "snoozed", "resolved")), mutator));
    maybe(
        query,
        mutator,
        "channel",
        () -> value(mutator.pick(List.of("instagram", "sms", "web", "email")), mutator));
    maybe(query, mutator, "inbox", () -> id(inboxIds(), mutator));
    maybe(query, mutator, "label", () -> value("vip", mutator));
    maybe(
        query,
        mutator,
        "priority",
        () -> value(mutator.pick(List.of("none", "low", "urgent")), mutator));
    maybe(query, mutator, "assignee", () -> value(targets.agentId(), mutator));
    maybe(query, mutator, "team", () -> id(targets.teamIds(), mutator));
    maybe(query, mutator, "q", () -> value("refund", mutator));
    maybe(
        query,
        mutator,
        "sort",
        () -> value(mutator.pick(List.of("last_activity", "waiting", "created")), mutator));
    maybe(query, mutator, "cursor", () -> cursor(mutator));
    maybe(query, mutator, "limit", () -> limit(mutator));
    mutator.note("query:" + query.size());
    String path = mutator.chance(0.2) ? "/api/conversations/counts" : "/api/conversations";
    return Request.get(path + Query.encode(query));
  }

  private Request conversation(Mutator mutator) {
    String base = "/api/conversations/" + Query.segment(id(targets.conversationIds(), mutator));
    return switch (mutator.between(0, 8)) {
      case 0 -> Request.get(base);
      case 1 -> {
        ObjectNode body = object();
        if (mutator.chance(0.7)) {
          body.put("assigneeId", mutator.chance(0.5) ? targets.agentId() : id(List.of(), mutator));
        }
        if (mutator.chance(0.7)) {
          body.put("teamId", id(targets.teamIds(), mutator));
        }
        yield Request.send("POST", base + "/assign", body);
      }
      case 2 -> {
        ObjectNode body = object();
        String status = mutator.pick(List.of("open", "pending", "snoozed", "resolved"));
        body.put("status", status);
        if (status.equals("snoozed") || mutator.chance(0.2)) {
          body.put(
              "snoozeUntil", mutator.pick(List.of("2030-01-01T00:00:00Z", "2020-01-01T00:00:00Z")));
        }
        yield Request.send("POST", base + "/status", body);
      }
      case 3 ->
          Request.send(
              "PUT",
              base + "/priority",
              object()
                  .put(
                      "priority",
                      mutator.pick(List.of("none", "low", "medium", "high", "urgent"))));
      case 4 -> {
        ObjectNode body = object();
        body.putArray("labels").add("fuzz").add("vip");
        yield Request.send("PUT", base + "/labels", body);
      }
      case 5 -> Request.send("POST", base + "/read", object());
      case 6 -> Request.get(base + "/activity" + page(mutator));
      default -> Request.get(base + "/messages" + page(mutator));
    };
  }

  private Request messages(Mutator mutator) {
    String base =
        "/api/conversations/" + Query.segment(id(targets.conversationIds(), mutator)) + "/messages";
    if (mutator.chance(0.3)) {
      return Request.get(base + page(mutator));
    }
    ObjectNode body = object();
    body.put("text", "fuzz note " + mutator.between(0, 1_000_000));
    // Mostly notes: a reply would go out to a platform API on every valid case.
    body.put("private", !mutator.chance(0.2));
    if (mutator.chance(0.3)) {
      ArrayNode attachments = body.putArray("attachments");
      attachments
          .addObject()
          .put("type", "image")
          .put("url", "https://fuzz.example/cat.png")
          .put("name", "cat.png");
    }
    if (mutator.chance(0.3)) {
      body.put("replyToMessageId", id(targets.messageIds(), mutator));
    }
    if (mutator.chance(0.15)) {
      ObjectNode template = body.putObject("template");
      template.put("name", "order_update");
      template.put("language", "en_US");
      template.putArray("parameters").add("1234");
    }
    return Request.send("POST", base, body);
  }

  private Request contacts(Mutator mutator) {
    String id = Query.segment(id(targets.contactIds(), mutator));
    String base = "/api/contacts/" + id;
    return switch (mutator.between(0, 12)) {
      case 0 -> {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        maybe(query, mutator, "q", () -> value("fuzz", mutator));
        maybe(query, mutator, "cursor", () -> cursor(mutator));
        maybe(query, mutator, "limit", () -> limit(mutator));
        yield Request.get("/api/contacts" + Query.encode(query));
      }
      case 1 -> Request.get(base);
      case 2 -> {
        ObjectNode body = object();
        body.put("name", "Fuzz Contact");
        body.put("language", mutator.pick(List.of("en", "pt-BR", "ja")));
        body.put("country", mutator.pick(List.of("DE", "JP", "US")));
        body.put("notes", "fuzzed");
        if (mutator.chance(0.5)) {
          body.putArray("handles")
              .addObject()
              .put("kind", mutator.pick(List.of("phone", "email", "username")))
              .put("value", mutator.pick(List.of("+49 151 2345678", "fuzz@example.com", "fuzzer")))
              .put("channel", "instagram");
        }
        if (mutator.chance(0.5)) {
          ObjectNode attributes = body.putObject("attributes");
          attributes.putObject("plan").put("type", "text").put("value", "pro");
          attributes.putObject("seats").put("type", "number").put("value", 12);
          attributes.putObject("renewal").put("type", "date").put("value", "2027-01-31");
        }
        yield Request.send("PUT", base, body);
      }
      case 3 -> Request.get(base + "/timeline" + page(mutator));
      case 4 -> {
        ObjectNode body = object();
        String stage =
            mutator.pick(List.of("new", "lead", "qualified", "customer", "disqualified"));
        body.put("stage", stage);
        body.put("note", "fuzz");
        if (stage.equals("disqualified") || mutator.chance(0.2)) {
          body.put("reason", "fuzz");
        }
        yield Request.send("POST", base + "/stage", body);
      }
      case 5 ->
          Request.send(
              "PUT",
              base + "/owner",
              object().put("ownerId", targets.agentId()).put("ownerName", "Ada"));
      case 6 ->
          Request.send(
              "PUT",
              base
                  + "/checklist/"
                  + Query.segment(
                      value(
                          mutator.pick(List.of("budget", "authority", "need", "timeline")),
                          mutator)),
              object().put("checked", mutator.chance(0.5)).put("note", "fuzz"));
      case 7 ->
          Request.send(
              "POST",
              base + "/merge",
              object().put("otherContactId", id(targets.contactIds(), mutator)));
      case 8 ->
          Request.send("POST", base + "/unmerge", object().put("mergeId", id(List.of(), mutator)));
      case 9 -> {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        maybe(query, mutator, "contactId", () -> id(targets.contactIds(), mutator));
        maybe(query, mutator, "cursor", () -> cursor(mutator));
        maybe(query, mutator, "limit", () -> limit(mutator));
        String path =
            mutator.chance(0.5) ? "/api/contacts/merge-suggestions" : "/api/contacts/audit";
        yield Request.get(path + Query.encode(query));
      }
      case 10 -> Request.get(base + "/conversations" + page(mutator));
      default ->
          Request.send(
              "POST",
              "/api/contacts/merge-suggestions/"
                  + Query.segment(id(List.of(), mutator))
                  + "/dismiss",
              object());
    };
  }

  private Request routing(Mutator mutator) {
    return switch (mutator.between(0, 7)) {
      case 0 -> Request.get("/api/routing-rules");
      case 1 -> Request.get("/api/routing-rules/" + Query.segment(id(targets.ruleIds(), mutator)));
      case 2, 3 -> Request.send("POST", "/api/routing-rules", rule(mutator));
      case 4 ->
          Request.send(
              "PUT",
              "/api/routing-rules/" + Query.segment(id(targets.ruleIds(), mutator)),
              rule(mutator));
      case 5 ->
          new Request(
              "DELETE",
              "/api/routing-rules/" + Query.segment(id(List.of(), mutator)),
              null,
              "application/json");
      default -> {
        ObjectNode body = object();
        body.put("channel", mutator.pick(List.of("instagram", "whatsapp", "sms", "email", "web")));
        body.put("text", "Where is my order #fuzz?");
        body.put(
            "trigger",
            mutator.pick(
                List.of("conversation_opened", "message_received", "conversation_updated")));
        body.putObject("contact")
            .put("stage", "lead")
            .put("firstMessage", true)
            .putObject("attributes")
            .put("plan", "pro");
        body.putObject("referral").put("source", "ADS").put("adId", "123");
        body.putArray("labels").add("vip");
        body.put("priority", "high");
        body.put("status", "open");
        body.put("waitingMinutes", 12);
        body.putArray("changed").add("labels");
        yield Request.send("POST", "/api/routing-rules/dry-run", body);
      }
    };
  }

  private ObjectNode rule(Mutator mutator) {
    ObjectNode body = object();
    body.put("name", "fuzz rule " + mutator.between(0, 1_000_000));
    // Disabled, and matching text no customer writes: a rule that slipped through fuzzed changes
    // nothing in the workspace, and the run deletes the rules it made.
    body.put("enabled", false);
    body.put("order", mutator.between(1, 50));
    body.put(
        "trigger",
        mutator.pick(List.of("conversation_opened", "message_received", "conversation_updated")));
    body.put("match", mutator.pick(List.of("all", "any")));
    ArrayNode conditions = body.putArray("conditions");
    conditions
        .addObject()
        .put(
            "field",
            mutator.pick(
                List.of(
                    "message.text",
                    "channel",
                    "contact.stage",
                    "referral.source",
                    "waiting.minutes")))
        .put("operator", mutator.pick(List.of("contains", "equals", "in", "gt", "matches")))
        .put("value", "fuzz-never-" + mutator.between(0, 1000));
    ArrayNode actions = body.putArray("actions");
    ObjectNode action = actions.addObject();
    switch (mutator.between(0, 4)) {
      case 0 -> action.put("type", "assign_team").put("teamId", id(targets.teamIds(), mutator));
      case 1 -> action.put("type", "add_label").put("value", "fuzz");
      case 2 -> action.put("type", "set_priority").put("value", "low");
      default -> action.put("type", "snooze").put("until", "business_hours");
    }
    body.put("stopAfter", mutator.chance(0.5));
    return body;
  }

  private Request teams(Mutator mutator) {
    return switch (mutator.between(0, 4)) {
      case 0 -> Request.get("/api/teams");
      case 1 -> Request.get("/api/teams/" + Query.segment(id(targets.teamIds(), mutator)));
      case 2 -> Request.send("POST", "/api/teams", team(mutator));
      default ->
          Request.send(
              "PUT", "/api/teams/" + Query.segment(id(targets.teamIds(), mutator)), team(mutator));
    };
  }

  private ObjectNode team(Mutator mutator) {
    ObjectNode body = object();
    body.put("name", "fuzz team " + mutator.between(0, 1_000_000));
    body.put("description", "made by the fuzz run");
    body.putArray("memberIds").add(targets.agentId());
    body.put("strategy", mutator.pick(List.of("manual", "round_robin", "least_loaded", "sticky")));
    body.put("fallbackStrategy", mutator.pick(List.of("least_loaded", "round_robin")));
    body.putArray("requiredSkills").add("spanish");
    body.put("timeZone", mutator.pick(List.of("Europe/Berlin", "America/New_York", "UTC")));
    body.putArray("businessHours")
        .addObject()
        .put("from", "09:00")
        .put("to", "18:00")
        .putArray("days")
        .add("mon")
        .add("fri");
    body.put("noReplyMinutes", mutator.between(1, 10080));
    body.put("leadId", targets.agentId());
    return body;
  }

  private Request inboxes(Mutator mutator) {
    return switch (mutator.between(0, 6)) {
      case 0 -> Request.get("/api/inboxes");
      case 1 -> Request.get("/api/inboxes/" + Query.segment(id(inboxIds(), mutator)));
      case 2 -> {
        ObjectNode body = object();
        body.put("name", "fuzz web " + mutator.between(0, 1_000_000));
        body.put("channel", mutator.pick(List.of("web", "web", "telegram", "sms", "email", "fax")));
        body.putArray("allowedOrigins").add("https://shop.example");
        body.put("humanAgent", true);
        yield Request.send("POST", "/api/inboxes", body);
      }
      case 3 -> {
        // Unknown ids only: a valid change could replace a fuzz inbox's signing secret mid-run.
        ObjectNode body = object();
        body.put("name", "fuzz renamed");
        body.put("channel", "web");
        yield Request.send("PUT", "/api/inboxes/" + Query.segment(unknownId(mutator)), body);
      }
      case 4 ->
          Request.get(
              "/api/inboxes/"
                  + Query.segment(id(inboxIds(), mutator))
                  + "/media/"
                  + Query.segment(value("1234567890", mutator)));
      default ->
          Request.get(
              "/api/inboxes/"
                  + Query.segment(id(inboxIds(), mutator))
                  + "/attachments/"
                  + Query.segment(id(List.of(), mutator)));
    };
  }

  private Request attribution(Mutator mutator) {
    switch (mutator.between(0, 7)) {
      case 0, 1, 2 -> {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        maybe(query, mutator, "from", () -> date("2026-09-01", mutator));
        maybe(query, mutator, "to", () -> date("2026-11-30", mutator));
        maybe(
            query,
            mutator,
            "model",
            () ->
                value(
                    mutator.pick(
                        List.of("first_touch", "last_touch", "linear", "u_shaped", "time_decay")),
                    mutator));
        maybe(
            query,
            mutator,
            "groupBy",
            () -> value(mutator.pick(List.of("channel", "campaign")), mutator));
        boolean series = mutator.chance(0.3);
        if (series) {
          maybe(
              query,
              mutator,
              "interval",
              () -> value(mutator.pick(List.of("day", "week", "month")), mutator));
        }
        String path = series ? "/api/attribution/timeseries" : "/api/attribution/report";
        Request get = Request.get(path + Query.encode(query));
        return mutator.chance(0.3) ? new Request("GET", get.path(), null, "text/csv") : get;
      }
      case 3, 4 -> {
        ObjectNode body = object();
        if (mutator.chance(0.7)) {
          body.put("contactId", id(targets.contactIds(), mutator));
        } else {
          body.put("email", "fuzz-buyer@example.com");
        }
        body.put("orderId", "fuzz-order-" + mutator.between(0, 1_000_000));
        body.put("amount", mutator.pick(List.of("19.99", "0", "1000000")));
        body.put("currency", mutator.pick(List.of("EUR", "USD", "JPY")));
        body.put(
            "occurredAt", mutator.pick(List.of("2026-11-30T10:00:00Z", "2026-01-01T00:00:00Z")));
        return Request.send("POST", "/api/attribution/sales", body);
      }
      case 5 -> {
        return Request.get("/api/attribution/settings");
      }
      default -> {
        return Request.get(
            mutator.pick(List.of("/api/attribution/sites", "/api/attribution/shops")));
      }
    }
  }

  private Request other(Mutator mutator) {
    return switch (mutator.between(0, 8)) {
      case 0 -> Request.get("/api/me");
      case 1 -> Request.get("/api/agents");
      case 2 ->
          Request.get("/api/agents/" + Query.segment(id(List.of(targets.agentId()), mutator)));
      case 3 ->
          Request.send(
              "PUT",
              "/api/agents/" + Query.segment(unknownId(mutator)),
              object().put("availability", "online").put("capacity", 5));
      case 4 -> {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        maybe(query, mutator, "q", () -> value("refund", mutator));
        yield Request.get("/api/canned-responses" + Query.encode(query));
      }
      case 5 ->
          Request.get(
              "/api/canned-responses/"
                  + Query.segment(id(targets.cannedIds(), mutator))
                  + "/render"
                  + Query.encode(Map.of("conversationId", id(targets.conversationIds(), mutator))));
      case 6 ->
          Request.send(
              "POST",
              "/api/canned-responses",
              object()
                  .put("shortcut", "fuzz-" + mutator.between(0, 1_000_000))
                  .put("title", "Fuzz")
                  .put("text", "Hello {{contact.name}}, {{agent.name}} here."));
      default -> {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        maybe(query, mutator, "from", () -> date("2026-11-01", mutator));
        maybe(query, mutator, "to", () -> date("2026-11-30", mutator));
        maybe(
            query,
            mutator,
            "groupBy",
            () -> value(mutator.pick(List.of("day", "channel", "agent", "team")), mutator));
        yield Request.get("/api/reports/inbox" + Query.encode(query));
      }
    };
  }

  // ---- values -------------------------------------------------------------------------------

  private byte[] body(JsonNode body, Mutator mutator) {
    if (mutator.chance(0.15)) {
      return mutator.write(body).getBytes(StandardCharsets.UTF_8);
    }
    JsonNode mutated = mutator.mutateTree(body, mutator.between(1, 4));
    byte[] bytes = mutator.write(mutated).getBytes(StandardCharsets.UTF_8);
    return mutator.chance(0.15) ? mutator.mutateBytes(bytes) : bytes;
  }

  private static void contentType(Map<String, String> headers, Mutator mutator) {
    if (mutator.chance(0.92)) {
      headers.put("Content-Type", "application/json");
      return;
    }
    mutator.note("content-type");
    String wrong =
        mutator.pick(
            List.of(
                "",
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                ";;",
                "application/json; charset=ebcdic"));
    if (!wrong.isEmpty()) {
      headers.put("Content-Type", wrong);
    }
  }

  private static String accept(String right, Mutator mutator) {
    if (mutator.chance(0.93)) {
      return right;
    }
    mutator.note("accept");
    return mutator.pick(
        List.of(
            "*/*",
            "text/csv;q=abc",
            "???",
            "text/html",
            "application/json;q=2",
            "text/*, text/csv",
            ""));
  }

  /** A known id, a random unknown one, or a malformed one. */
  private String id(List<String> known, Mutator mutator) {
    double draw = mutator.between(0, 100) / 100.0;
    if (!known.isEmpty() && draw < 0.6) {
      return mutator.pick(known);
    }
    if (draw < 0.75) {
      return unknownUuid(mutator);
    }
    mutator.note("bad-id");
    return mutator.pick(BAD_IDS);
  }

  private String unknownId(Mutator mutator) {
    return mutator.chance(0.5) ? unknownUuid(mutator) : mutator.pick(BAD_IDS);
  }

  private static String unknownUuid(Mutator mutator) {
    return new UUID(
            ((long) mutator.between(0, Integer.MAX_VALUE) << 32) | 0x7000L,
            0x8000_0000_0000_0000L | mutator.between(0, Integer.MAX_VALUE))
        .toString();
  }

  private List<String> inboxIds() {
    return targets.inboxes().values().stream().map(FuzzTargets.Inbox::id).sorted().toList();
  }

  /** The valid value half the time, else something hostile. */
  private static String value(String valid, Mutator mutator) {
    if (valid != null && mutator.chance(0.5)) {
      return valid;
    }
    mutator.note("bad-param");
    return switch (mutator.between(0, 4)) {
      case 0 -> mutator.hostileNumber();
      case 1 -> mutator.pick(BAD_IDS);
      case 2 -> mutator.chance(0.05) ? "q".repeat(9000) : shorter(mutator.hostileString());
      default -> mutator.pick(BAD_DATES);
    };
  }

  private static String date(String valid, Mutator mutator) {
    if (mutator.chance(0.5)) {
      return valid;
    }
    mutator.note("bad-date");
    return mutator.chance(0.7) ? mutator.pick(BAD_DATES) : value(null, mutator);
  }

  private static String limit(Mutator mutator) {
    return mutator.pick(
        List.of(
            "1",
            "50",
            "0",
            "-1",
            "1000",
            "100000",
            "2147483648",
            "99999999999999999999",
            "1.5",
            "abc",
            ""));
  }

  private static String cursor(Mutator mutator) {
    return mutator.pick(
        List.of(
            "",
            "abc",
            "v1",
            "v1:last_activity:1:00000000-0000-0000-0000-000000000000:1",
            "v1:last_activity:-1:not-a-uuid:-1",
            "v1:waiting::00000000-0000-0000-0000-000000000000:99999999999999999999",
            "djE6bGFzdF9hY3Rpdml0eToxOjA6MA",
            "eyJhIjoxfQ",
            "%%%",
            "a".repeat(3000)));
  }

  private static String page(Mutator mutator) {
    List<Map.Entry<String, String>> query = new ArrayList<>();
    maybe(query, mutator, "cursor", () -> cursor(mutator));
    maybe(query, mutator, "limit", () -> limit(mutator));
    return Query.encode(query);
  }

  private static void maybe(
      List<Map.Entry<String, String>> query,
      Mutator mutator,
      String name,
      java.util.function.Supplier<String> value) {
    if (mutator.chance(0.5)) {
      query.add(Map.entry(name, value.get()));
      if (mutator.chance(0.05)) {
        mutator.note("repeated-param:" + name);
        query.add(Map.entry(name, value.get()));
      }
    }
  }

  private static ObjectNode object() {
    return Mutator.JSON.createObjectNode();
  }

  private static String shorter(String text) {
    return text.length() > 2000 ? text.substring(0, 2000) : text;
  }
}
