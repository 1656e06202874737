package io.tutti.conversations.queue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Database;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.conversations.testing.Teams;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class QueueTest extends ServiceTest {

  private final Instant base =
      Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

  /** A conversation whose customer wrote {@code minutesAgo} before now; answers its id. */
  private String conversation(String inbox, String channel, String text, int minute) {
    return conversation(Received.on(inbox, channel).text(text), minute);
  }

  private String conversation(Received customer, int minute) {
    String id = "msg-" + UUID.randomUUID();
    receiveAndWait(customer.id(id).at(base.plus(minute, ChronoUnit.MINUTES)).build());
    return conversationOfMessage(id);
  }

  @Test
  void viewsShowMineUnassignedTeamAndAllNewestFirst() {
    String inbox = newInbox();
    String team = Teams.create("Sales " + UUID.randomUUID(), "alice");
    String mine = conversation(inbox, "instagram", "mine", 1);
    String open = conversation(inbox, "instagram", "nobody's", 2);
    String teams = conversation(inbox, "instagram", "the team's", 3);
    String alices = conversation(inbox, "instagram", "alice's", 4);
    assign(mine, Map.of("assigneeId", "ada"));
    assign(teams, Map.of("teamId", team));
    assign(alices, Map.of("teamId", team, "assigneeId", "alice"));

    assertThat(ids(queue("view=mine"))).containsExactly(mine);
    assertThat(ids(queue("view=unassigned"))).containsExactly(teams, open);
    assertThat(ids(queue("view=team:" + team))).containsExactly(alices, teams);
    assertThat(ids(queue("view=all"))).containsExactly(alices, teams, open, mine);
    assertThat(ids(queue(""))).containsExactly(alices, teams, open, mine);
    JsonPath item = queue("view=team:" + team).setRootPath("items[0]");
    assertThat(item.getString("assigneeId")).isEqualTo("alice");
    assertThat(item.getString("teamId")).isEqualTo(team);
    assertThat(item.getString("channel")).isEqualTo("instagram");
    assertThat(item.getString("inboxId")).isEqualTo(inbox);
    assertThat(item.getString("lastMessagePreview")).isEqualTo("alice's");
    assertThat(item.getString("lastMessageAt"))
        .isEqualTo(base.plus(4, ChronoUnit.MINUTES).toString());
    assertThat(item.getString("waitingSince"))
        .isEqualTo(base.plus(4, ChronoUnit.MINUTES).toString());
    assertThat(item.getInt("unreadCount")).isEqualTo(1);
    assertThat(item.getList("labels")).isEmpty();
    assertThat(item.getString("priority")).isEqualTo("none");
  }

  @Test
  void filtersNarrowTheQueue() {
    String instagramInbox = newInbox();
    String whatsappInbox = newInbox();
    String team = Teams.create("Support " + UUID.randomUUID());
    String vip = conversation(instagramInbox, "instagram", "a", 1);
    String urgent = conversation(whatsappInbox, "whatsapp", "b", 2);
    String resolved = conversation(whatsappInbox, "whatsapp", "c", 3);
    String teamed = conversation(instagramInbox, "instagram", "d", 4);
    labels(vip, List.of("vip", "refund"));
    labels(urgent, List.of("refund"));
    priority(urgent, "urgent");
    setStatus(resolved, Map.of("status", "resolved"));
    assign(teamed, Map.of("teamId", team, "assigneeId", "alice"));

    assertThat(ids(queue("status=open"))).containsExactly(teamed, urgent, vip);
    assertThat(ids(queue("status=resolved"))).containsExactly(resolved);
    assertThat(ids(queue("status=open,resolved&channel=whatsapp")))
        .containsExactly(resolved, urgent);
    assertThat(ids(queue("inbox=" + instagramInbox))).containsExactly(teamed, vip);
    assertThat(ids(queue("label=refund"))).containsExactly(urgent, vip);
    assertThat(ids(queue("label=refund,vip"))).containsExactly(vip);
    assertThat(ids(queue("label=REFUND&label=vip"))).containsExactly(vip);
    assertThat(ids(queue("priority=urgent,high"))).containsExactly(urgent);
    assertThat(ids(queue("assignee=alice"))).containsExactly(teamed);
    assertThat(ids(queue("assignee=none&channel=instagram"))).containsExactly(vip);
    assertThat(ids(queue("team=" + team))).containsExactly(teamed);
    assertThat(ids(queue("team=none&status=open"))).containsExactly(urgent, vip);
  }

  @Test
  void searchFindsTheWordsOfEveryMessageAndTheContact() {
    String inbox = newInbox();
    Received ana =
        Received.on(inbox, "email")
            .from("ana@example.com")
            .named("Ana Souza")
            .handle("ana@example.com");
    String refund = conversation(ana.text("Hello there"), 1);
    receiveAndWait(
        ana.id("msg-" + UUID.randomUUID()).text("I would like a refund for order 1042").build());
    String other = conversation(inbox, "instagram", "Where is my parcel?", 2);
    write(other, Map.of("text", "It left our warehouse yesterday", "private", true));

    assertThat(ids(queue("q=refund"))).containsExactly(refund);
    assertThat(ids(queue("q=REFU"))).containsExactly(refund);
    assertThat(ids(queue("q=refund 1042"))).containsExactly(refund);
    assertThat(ids(queue("q=refund parcel"))).isEmpty();
    assertThat(ids(queue("q=souza"))).containsExactly(refund);
    assertThat(ids(queue("q=ana@example.com"))).containsExactly(refund);
    assertThat(ids(queue("q=warehouse"))).containsExactly(other);
    assertThat(ids(queue("q=parcel&channel=email"))).isEmpty();
  }

  @Test
  void aHyphenatedWordIsFoundAsTypedAndByItsPrefix() {
    // to_tsquery made a phrase of "e-mail" ('e-mail' <-> 'e' <-> 'mail'), and a phrase never
    // matches the search vector, which keeps no positions: such a word found nothing.
    String inbox = newInbox();
    String order = conversation(inbox, "telegram", "Where is ORD-1042? I wrote an e-mail", 1);
    conversation(inbox, "telegram", "Where is ORD-2077?", 2);

    assertThat(ids(queue("q=ORD-1042"))).containsExactly(order);
    assertThat(ids(queue("q=ord-10"))).containsExactly(order);
    assertThat(ids(queue("q=e-mail ORD-1042"))).containsExactly(order);
  }

  @Test
  void aPhoneNumberIsFoundHoweverItIsTyped() {
    String inbox = newInbox();
    String whatsapp =
        conversation(
            Received.on(inbox, "whatsapp")
                .from("4915123456789")
                .named("Lena Vogel")
                .handle("+4915123456789")
                .text("Hallo"),
            1);

    for (String typed : List.of("+4915123456789", "4915123456789", "+49 1512 3456789", "49151")) {
      JsonPath found =
          given()
              .queryParam("q", typed)
              .get("/api/conversations")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(ids(found)).as("q=%s", typed).containsExactly(whatsapp);
    }
  }

  @Test
  void pagesHaveNoDuplicatesAndNoGapsWhileNewMessagesArrive() {
    String inbox = newInbox();
    List<Received> customers = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (int minute = 1; minute <= 12; minute++) {
      Received customer = Received.on(inbox, "messenger").text("message " + minute);
      customers.add(customer);
      all.add(0, conversation(customer, minute));
    }

    JsonPath first = queue("limit=5");
    assertThat(ids(first)).containsExactlyElementsOf(all.subList(0, 5));
    // Meanwhile: a customer of page 3 and one of page 1 write again, and a new customer arrives.
    receiveAndWait(customers.get(1).id("msg-" + UUID.randomUUID()).at(Instant.now()).build());
    receiveAndWait(customers.get(11).id("msg-" + UUID.randomUUID()).at(Instant.now()).build());
    String newcomer = conversation(inbox, "messenger", "new here", 60);
    JsonPath second = queue("limit=5&cursor=" + first.getString("nextCursor"));
    receiveAndWait(customers.get(4).id("msg-" + UUID.randomUUID()).at(Instant.now()).build());
    JsonPath third = queue("limit=5&cursor=" + second.getString("nextCursor"));

    List<String> walked = new ArrayList<>(ids(first));
    walked.addAll(ids(second));
    walked.addAll(ids(third));
    assertThat(walked).containsExactlyElementsOf(all);
    assertThat(third.getString("nextCursor")).isNull();
    assertThat(walked).doesNotContain(newcomer);
    // A walk that starts now sees the newcomer, and the customers who wrote meanwhile on top.
    List<String> fresh = ids(queue("limit=20"));
    assertThat(fresh).hasSize(13).contains(newcomer);
    assertThat(fresh.subList(0, 3)).containsExactly(all.get(7), all.get(0), all.get(10));
  }

  @Test
  void waitingSortPutsTheLongestWaitingFirstAndTheAnsweredLast() {
    String inbox = newInbox();
    String answered = conversation(inbox, "sms", "thanks", 1);
    String longest = conversation(inbox, "sms", "help", 2);
    String middle = conversation(inbox, "sms", "hello?", 3);
    String newest = conversation(inbox, "sms", "hi", 4);
    String alsoAnswered = conversation(inbox, "sms", "ok", 5);
    write(answered, Map.of("text", "You're welcome"));
    write(alsoAnswered, Map.of("text", "Great"));

    JsonPath first = queue("sort=waiting&limit=2");
    JsonPath second = queue("sort=waiting&limit=2&cursor=" + first.getString("nextCursor"));
    JsonPath third = queue("sort=waiting&limit=2&cursor=" + second.getString("nextCursor"));

    assertThat(ids(first)).containsExactly(longest, middle);
    assertThat(ids(second))
        .containsExactly(newest, answered.compareTo(alsoAnswered) < 0 ? answered : alsoAnswered);
    assertThat(ids(third))
        .containsExactly(answered.compareTo(alsoAnswered) < 0 ? alsoAnswered : answered);
    assertThat(third.getString("nextCursor")).isNull();
    given()
        .get("/api/conversations?sort=last_activity&cursor=" + first.getString("nextCursor"))
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tutti:problem:invalid-cursor"));
  }

  @Test
  void countsPerViewFollowTheFilters() {
    String inbox = newInbox();
    String team = Teams.create("Returns " + UUID.randomUUID(), "ada");
    String empty = Teams.create("Empty " + UUID.randomUUID());
    String mine = conversation(inbox, "telegram", "a", 1);
    conversation(inbox, "telegram", "b", 2);
    String teamed = conversation(inbox, "telegram", "c", 3);
    String resolved = conversation(inbox, "telegram", "d", 4);
    assign(mine, Map.of("assigneeId", "ada"));
    assign(teamed, Map.of("teamId", team));
    setStatus(resolved, Map.of("status", "resolved"));

    JsonPath counts =
        given()
            .get("/api/conversations/counts?status=open")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(counts.getLong("mine")).isEqualTo(1);
    assertThat(counts.getLong("unassigned")).isEqualTo(2);
    assertThat(counts.getLong("all")).isEqualTo(3);
    assertThat(counts.getMap("teams")).containsEntry(team, 1).containsEntry(empty, 0);
    assertThat(
            given()
                .get("/api/conversations/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("all"))
        .isEqualTo(4);
  }

  @Test
  void countsStopPastTheLimitSoABadgeCostsTheSameInAHugeWorkspace() {
    String inbox = newInbox();
    String team = Teams.create("Billing " + UUID.randomUUID(), "ada");
    for (int minute = 1; minute <= 8; minute++) {
      String id = conversation(inbox, "sms", "c" + minute, minute);
      if (minute <= 6) {
        assign(id, Map.of("teamId", team));
      }
    }
    String mine = conversation(inbox, "sms", "mine", 9);
    assign(mine, Map.of("assigneeId", "ada"));

    JsonPath counts =
        given().get("/api/conversations/counts").then().statusCode(200).extract().jsonPath();

    // The tests count up to 5: above it, a number says "more than 5", and no more than that.
    assertThat(counts.getInt("countLimit")).isEqualTo(5);
    assertThat(counts.getLong("all")).isEqualTo(6);
    assertThat(counts.getLong("unassigned")).isEqualTo(6);
    assertThat(counts.getMap("teams")).containsEntry(team, 6);
    assertThat(counts.getLong("mine")).isEqualTo(1);
  }

  @Test
  void aSearchMatchingManyConversationsPagesThroughThemAllInOrder() {
    // More matches than the search index hands over (QueueService.FEW_MATCHES): the ordered scan
    // finds them, and the walk still sees each once, newest first.
    int many = QueueService.FEW_MATCHES + 30;
    Database.update(
        "insert into conversation (id, workspace_id, inbox_id, channel, external_contact_id,"
            + " status, last_message_at, activity_changed_at, opened_at, updated_at, search)"
            + " select gen_random_uuid(), ?, 'inbox-many', 'sms', 'many-' || i, 'open',"
            + " cast(? as timestamptz) + i * interval '1 second', now() - interval '1 hour',"
            + " now() - interval '1 hour', now(), to_tsvector('simple', 'walrus ' || i)"
            + " from generate_series(1, ?) i",
        workspace,
        base.toString(),
        many);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonPath page = queue("q=walrus&limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
      seen.addAll(ids(page));
      cursor = page.getString("nextCursor");
    } while (cursor != null);

    assertThat(seen).hasSize(many).doesNotHaveDuplicates();
    assertThat(queue("q=walrus&limit=1").getString("items[0].lastMessageAt"))
        .isEqualTo(base.plusSeconds(many).toString());
    assertThat(ids(queue("q=walrus " + many))).hasSize(1);
  }

  @Test
  void commonWordsAreFoundTogetherAndApartAsTheStatisticsTellThem() {
    // Words the statistics count as common (each in a large share of the conversations): together
    // they meet often (lynx ocelot), or never (ocelot puma), and the search finds both right.
    Database.update(
        "insert into conversation (id, workspace_id, inbox_id, channel, external_contact_id,"
            + " status, last_message_at, activity_changed_at, opened_at, updated_at, search)"
            + " select gen_random_uuid(), ?, 'inbox-cats', 'sms', 'cat-' || i, 'open',"
            + " cast(? as timestamptz) + i * interval '1 second', now() - interval '1 hour',"
            + " now() - interval '1 hour', now(), to_tsvector('simple', 'lynx '"
            + " || case when i % 2 = 0 then 'ocelot' else 'puma' end || ' ' || i)"
            + " from generate_series(1, 1200) i",
        workspace, base.toString());
    Database.update("analyze conversation");

    List<String> together = new ArrayList<>();
    String cursor = null;
    do {
      JsonPath page =
          queue("q=lynx ocelot&limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
      together.addAll(ids(page));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertThat(together).hasSize(600).doesNotHaveDuplicates();
    assertThat(queue("q=lynx&limit=1").getString("items[0].lastMessageAt"))
        .isEqualTo(base.plusSeconds(1200).toString());
    assertThat(ids(queue("q=ocelot puma"))).isEmpty();
    assertThat(given().get("/api/conversations/counts?q=lynx ocelot").jsonPath().getLong("all"))
        .isEqualTo(6);
  }

  @Test
  void badQueueParametersAreRefusedByName() {
    Map<String, String> cases = new HashMap<>();
    cases.put("view=everything", "view");
    cases.put("view=team:42", "view");
    cases.put("status=closed", "status");
    cases.put("priority=critical", "priority");
    cases.put("sort=oldest", "sort");
    cases.put("limit=0", "limit");
    cases.put("limit=1000", "limit");
    cases.put("limit=ten", "limit");
    cases.put("team=support", "team");
    cases.put("q=!!!", "q");
    cases.put("channel=Whats App", "channel");
    cases.forEach(
        (query, field) ->
            given()
                .get("/api/conversations?" + query)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tutti:problem:validation"))
                .body("errors.field", hasItem(field)));
    given()
        .get("/api/conversations?cursor=not-a-cursor")
        .then()
        .statusCode(400)
        .body("type", equalTo("urn:tutti:problem:invalid-cursor"));
  }

  private static JsonPath queue(String query) {
    String path = query.isEmpty() ? "/api/conversations" : "/api/conversations?" + query;
    return given().get(path).then().statusCode(200).extract().jsonPath();
  }

  private static List<String> ids(JsonPath page) {
    return page.getList("items.id");
  }

  private static void assign(String id, Map<String, ?> body) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/conversations/" + id + "/assign")
        .then()
        .statusCode(200);
  }

  private static void labels(String id, List<String> labels) {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("labels", labels))
        .put("/api/conversations/" + id + "/labels")
        .then()
        .statusCode(200);
  }

  private static void priority(String id, String priority) {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("priority", priority))
        .put("/api/conversations/" + id + "/priority")
        .then()
        .statusCode(200);
  }
}
