package io.tutti.tests.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what: every route of the agent/admin API, and the public ones, through the gateway
 * with real Keycloak tokens, as anonymous, acme's agent alice, sales rep sam and admin ada, and
 * globex's admin bob. Each cell is one test, named {@code METHOD path as caller → answer}.
 *
 * <p>The designed answers (ARCHITECTURE.md §6 and each service's README): no token is 401 on every
 * {@code /api} route; a role the route does not admit is 403; bob addressing an acme resource by id
 * is 404 (never 403, which would tell him it exists), and nothing bob is answered shows anything of
 * acme; any other caller gets the route's answer. Calls that would change something real send a
 * body the service refuses only after it admitted the caller (400, or 409 for a decided suggestion
 * or an undone merge), or one that changes nothing (a {@code PUT} of what is there); an admin's
 * {@code DELETE} takes a spare resource of its own. The routes are those of the services' JAX-RS
 * resources (plus the gateway's {@code /api/me}); {@code /api/live} and {@code /chat/ws} are
 * WebSockets and not in it.
 */
class AccessMatrixIT {

  /** The five callers, in the order their cells run. */
  enum Caller {
    ANONYMOUS("anonymous", null),
    AGENT("agent alice", "alice"),
    SALES("sales sam", "sam"),
    ADMIN("admin ada", "ada"),
    OTHER_ADMIN("globex admin bob", "bob");

    final String label;
    final String username;

    Caller(String label, String username) {
      this.label = label;
      this.username = username;
    }

    /** A caller of acme, which the resources belong to. */
    boolean ofAcme() {
      return this == AGENT || this == SALES || this == ADMIN;
    }
  }

  /** An answer a cell expects: a status, or a few that all mean the same to the matrix. */
  record Expect(String label, BiPredicate<Integer, String> accepts) {

    static Expect status(int status) {
      return new Expect(String.valueOf(status), (answered, body) -> answered == status);
    }

    /**
     * Connectors asked the platform for the file: it relayed it (200), the platform no longer has
     * it (404 saying so, not the 404 of a file outside the workspace), refused the credentials
     * (502) or could not be reached (503). Which one depends on where the running system points
     * connectors, not on who asks.
     */
    static Expect platformAsked() {
      return new Expect(
          "200/502/503 or the platform's 404",
          (answered, body) ->
              answered == 200
                  || answered == 502
                  || answered == 503
                  || (answered == 404 && body.contains("no longer has this file")));
    }
  }

  /** Where a caller's request goes, and with what body. */
  record Target(String path, String body) {}

  /** One route of the matrix: what it is called with and what each caller is answered. */
  static final class Route {

    final Method method;
    final Target target;
    final Map<Caller, Expect> expected = new EnumMap<>(Caller.class);
    final Map<Caller, Target> targets = new EnumMap<>(Caller.class);
    final List<String> shownToAcme = new ArrayList<>();
    String contentType = "application/json";

    private Route(Method method, String path, String body) {
      this.method = method;
      this.target = new Target(path, body);
      expected.put(Caller.ANONYMOUS, Expect.status(401));
    }

    static Route get(String path) {
      return new Route(Method.GET, path, null);
    }

    static Route post(String path) {
      return new Route(Method.POST, path, null);
    }

    static Route post(String path, String body) {
      return new Route(Method.POST, path, body);
    }

    static Route put(String path, String body) {
      return new Route(Method.PUT, path, body);
    }

    static Route delete(String path) {
      return new Route(Method.DELETE, path, null);
    }

    static Route options(String path) {
      return new Route(Method.OPTIONS, path, null);
    }

    /** Agents, sales reps and admins alike; bob in his own workspace too, unless told. */
    Route members(int status) {
      return members(Expect.status(status));
    }

    Route members(Expect expect) {
      for (Caller caller : List.of(Caller.AGENT, Caller.SALES, Caller.ADMIN, Caller.OTHER_ADMIN)) {
        expected.put(caller, expect);
      }
      return this;
    }

    /** Sales reps and admins; an agent is refused. */
    Route salesAndAdmins(int status) {
      members(status);
      expected.put(Caller.AGENT, Expect.status(403));
      return this;
    }

    /** Admins only. */
    Route admins(int status) {
      salesAndAdmins(status);
      expected.put(Caller.SALES, Expect.status(403));
      return this;
    }

    /** A public route: the same answer for everyone, a user's token counting for nothing. */
    Route anyone(int status) {
      for (Caller caller : Caller.values()) {
        expected.put(caller, Expect.status(status));
      }
      return this;
    }

    /** What bob is answered when the route names an acme resource. */
    Route elsewhere(int status) {
      expected.put(Caller.OTHER_ADMIN, Expect.status(status));
      return this;
    }

    /** ... with a body of his own, where the shared one would be refused before the lookup. */
    Route elsewhere(int status, String body) {
      targets.put(Caller.OTHER_ADMIN, new Target(target.path(), body));
      return elsewhere(status);
    }

    Route as(Caller caller, int status) {
      expected.put(caller, Expect.status(status));
      return this;
    }

    /** ada's cell goes here: a spare resource, so her {@code DELETE} takes nothing the rest use. */
    Route adminOn(String path) {
      targets.put(Caller.ADMIN, new Target(path, target.body()));
      return this;
    }

    /** A successful answer to acme's callers shows this resource (bob's shows no acme value). */
    Route shows(String placeholder) {
      shownToAcme.add(placeholder);
      return this;
    }

    Route type(String contentType) {
      this.contentType = contentType;
      return this;
    }

    Target targetFor(Caller caller) {
      return targets.getOrDefault(caller, target);
    }

    Stream<Cell> cells() {
      return Arrays.stream(Caller.values()).map(caller -> new Cell(this, caller));
    }
  }

  /** One caller on one route. */
  record Cell(Route route, Caller caller) {

    Expect expect() {
      Expect expect = route.expected.get(caller);
      if (expect == null) {
        throw new IllegalStateException(route.method + " " + route.target.path() + ": " + caller);
      }
      return expect;
    }

    @Override
    public String toString() {
      return route.method
          + " "
          + route.targetFor(caller).path()
          + " as "
          + caller.label
          + " → "
          + expect().label();
    }
  }

  private static final String NOTE = "{\"text\":\"Access matrix note\",\"private\":true}";
  private static final String META_DELIVERY = "{\"object\":\"page\",\"entry\":[]}";
  private static final String EMAIL =
      "From: someone@example.com\r\nTo: support@acme.example\r\nSubject: hi\r\n\r\nhello\r\n";
  private static final String PAGE_VIEW =
      "{\"type\":\"page\",\"anonymousId\":\"5f0c4a52-7d1e-4b7a-9b59-0c2b1d6e8a41\","
          + "\"url\":\"https://acme.example/\"}";
  private static final String REPORT = "?from={from}&to={to}&model=first_touch&groupBy=campaign";

  private static final List<Route> MATRIX =
      List.of(
          // gateway
          Route.get("/api/me").members(200),
          // connectors: inboxes and their files
          Route.get("/api/inboxes").admins(200).shows("{whatsappInbox}"),
          Route.post("/api/inboxes", "{}").admins(400),
          Route.get("/api/inboxes/{whatsappInbox}").admins(200).elsewhere(404),
          Route.put(
                  "/api/inboxes/{whatsappInbox}",
                  "{\"name\":\"{whatsappInboxName}\",\"channel\":\"whatsapp\"}")
              .admins(200)
              .elsewhere(404),
          Route.get("/api/inboxes/{emailInbox}/attachments/{attachment}")
              .members(200)
              .elsewhere(404),
          Route.get("/api/inboxes/{whatsappInbox}/media/4815162342")
              .members(Expect.platformAsked())
              .elsewhere(404),
          Route.get("/api/admin/dead-letters?state=all").admins(200),
          // bob names one of acme's dead letters (when it has one); ada one that does not exist,
          // as replaying a real one would send a reply again
          Route.post("/api/admin/dead-letters/{deadLetter}/replay")
              .admins(404)
              .adminOn("/api/admin/dead-letters/{missing}/replay"),
          // connectors: the platforms' webhooks, each checked its own way
          Route.get(
                  "/webhooks/whatsapp/{whatsappInbox}?hub.mode=subscribe"
                      + "&hub.verify_token={verifyToken}&hub.challenge=matrix")
              .anyone(200),
          Route.get(
                  "/webhooks/whatsapp/{whatsappInbox}?hub.mode=subscribe"
                      + "&hub.verify_token=not-the-token&hub.challenge=matrix")
              .anyone(403),
          Route.post("/webhooks/whatsapp/{whatsappInbox}", META_DELIVERY).anyone(401),
          Route.post("/webhooks/instagram/{instagramInbox}", META_DELIVERY).anyone(401),
          Route.post("/webhooks/messenger/{messengerInbox}", META_DELIVERY).anyone(401),
          Route.post("/webhooks/instagram/{missing}", META_DELIVERY).anyone(404),
          Route.post("/webhooks/twilio/{smsInbox}", "From=%2B15555550123&Body=hello")
              .type("application/x-www-form-urlencoded")
              .anyone(401),
          Route.post("/webhooks/telegram/{telegramInbox}", "{\"update_id\":1}").anyone(401),
          Route.post("/webhooks/email/{emailInbox}", EMAIL).type("message/rfc822").anyone(401),
          Route.get("/widget.js").anyone(200),
          // conversations: the queue and a conversation
          Route.get("/api/conversations?view=all&inbox={whatsappInbox}")
              .members(200)
              .shows("{conversation}"),
          Route.get("/api/conversations/counts").members(200),
          Route.get("/api/conversations/{conversation}").members(200).elsewhere(404),
          Route.get("/api/conversations/{conversation}/messages").members(200).elsewhere(404),
          Route.post("/api/conversations/{conversation}/messages", NOTE)
              .members(202)
              .elsewhere(404),
          Route.get("/api/conversations/{conversation}/activity").members(200).elsewhere(404),
          Route.post(
                  "/api/conversations/{conversation}/assign",
                  "{\"assigneeId\":null,\"teamId\":null}")
              .members(200)
              .elsewhere(404),
          Route.post("/api/conversations/{conversation}/status", "{\"status\":\"open\"}")
              .members(200)
              .elsewhere(404),
          Route.put("/api/conversations/{conversation}/priority", "{\"priority\":\"none\"}")
              .members(200)
              .elsewhere(404),
          Route.put("/api/conversations/{conversation}/labels", "{\"labels\":[]}")
              .members(200)
              .elsewhere(404),
          Route.post("/api/conversations/{conversation}/read").members(204).elsewhere(404),
          // a contact's conversations: a list, empty for a contact the workspace does not have
          Route.get("/api/contacts/{contact}/conversations").members(200).shows("{conversation}"),
          // profiles' GDPR export reads these two for every contact, so a contact the service
          // knows nothing of (another workspace's among them) is an export with nothing in it
          Route.get("/api/contacts/{contact}/conversations/export")
              .admins(200)
              .shows("{conversation}"),
          // canned responses: every agent writes them, their author or an admin changes them
          Route.get("/api/canned-responses").members(200).shows("{canned}"),
          Route.post("/api/canned-responses", "{}").members(400),
          Route.get("/api/canned-responses/{canned}").members(200).elsewhere(404),
          Route.get("/api/canned-responses/{canned}/render?conversationId={conversation}")
              .members(200)
              .elsewhere(404),
          Route.put("/api/canned-responses/{canned}", "{cannedBody}").admins(200).elsewhere(404),
          Route.delete("/api/canned-responses/{canned}")
              .admins(204)
              .adminOn("/api/canned-responses/{spareCanned}")
              .elsewhere(404),
          // teams and agents
          Route.get("/api/teams").members(200).shows("{team}"),
          Route.post("/api/teams", "{}").admins(400),
          Route.get("/api/teams/{team}").members(200).elsewhere(404),
          Route.put("/api/teams/{team}", "{teamBody}").admins(200).elsewhere(404),
          Route.get("/api/agents").members(200).shows("{agent}"),
          Route.get("/api/agents/me").members(200),
          Route.get("/api/agents/{agent}").members(200).elsewhere(404),
          Route.put("/api/agents/me", "{}").members(200),
          // alice may set her own availability, sam not hers: an availability refused once the
          // caller is let in. Agents are records of their workspace, and an admin may configure
          // an id it does not know yet (an agent still to sign in), so bob's is refused the same
          // way and makes no record of alice's id in globex.
          Route.put("/api/agents/{agent}", "{\"availability\":\"sideways\"}")
              .members(400)
              .as(Caller.SALES, 403),
          Route.post("/api/agents/me/heartbeat").members(204),
          // routing rules and the inbox report: admins
          Route.get("/api/routing-rules").admins(200).shows("{rule}"),
          Route.post("/api/routing-rules", "{}").admins(400),
          Route.post(
                  "/api/routing-rules/dry-run",
                  "{\"channel\":\"whatsapp\",\"text\":\"Access matrix\"}")
              .admins(200),
          Route.get("/api/routing-rules/{rule}").admins(200).elsewhere(404),
          Route.put("/api/routing-rules/{rule}", "{ruleBody}").admins(200).elsewhere(404),
          Route.delete("/api/routing-rules/{rule}")
              .admins(204)
              .adminOn("/api/routing-rules/{spareRule}")
              .elsewhere(404),
          Route.get("/api/reports/inbox?groupBy=team").admins(200),
          // profiles: contacts
          Route.get("/api/contacts?q={run}").members(200).shows("{contact}"),
          Route.get("/api/contacts/{contact}").members(200).elsewhere(404),
          Route.put("/api/contacts/{contact}", "{}").members(200).elsewhere(404),
          Route.get("/api/contacts/{contact}/timeline").members(200).elsewhere(404),
          // merging a contact into itself is refused once the caller is let in
          Route.post("/api/contacts/{contact}/merge", "{\"otherContactId\":\"{contact}\"}")
              .members(400)
              .elsewhere(404, "{\"otherContactId\":\"{otherContact}\"}"),
          Route.post("/api/contacts/{contact}/unmerge", "{\"mergeId\":\"{merge}\"}")
              .members(409)
              .elsewhere(404),
          Route.get("/api/contacts/merge-suggestions?contactId={contact}").members(200),
          Route.post("/api/contacts/merge-suggestions/{suggestion}/dismiss")
              .members(409)
              .elsewhere(404),
          // the lead lifecycle: sales reps and admins
          Route.post("/api/contacts/{contact}/stage", "{\"stage\":\"{stage}\"}")
              .salesAndAdmins(200)
              .elsewhere(404),
          Route.put("/api/contacts/{contact}/checklist/budget", "{\"checked\":false}")
              .salesAndAdmins(200)
              .elsewhere(404),
          Route.put("/api/contacts/{contact}/owner", "{}").salesAndAdmins(200).elsewhere(404),
          // privacy and the audit log: admins
          Route.get("/api/contacts/audit?contactId={contact}").admins(200).shows("{contact}"),
          Route.get("/api/contacts/{contact}/export").admins(200).elsewhere(404),
          Route.delete("/api/contacts/{contact}")
              .admins(204)
              .adminOn("/api/contacts/{erasable}")
              .elsewhere(404),
          // attribution: reports and sales for sales reps and admins, the setup for admins
          Route.get("/api/attribution/report" + REPORT).salesAndAdmins(200).shows("{campaign}"),
          Route.get("/api/attribution/timeseries" + REPORT + "&interval=day").salesAndAdmins(200),
          Route.post(
                  "/api/attribution/sales",
                  "{\"contactId\":\"{contact}\",\"orderId\":\"\",\"amount\":1,\"currency\":\"USD\"}")
              .salesAndAdmins(400)
              .elsewhere(
                  404,
                  "{\"contactId\":\"{contact}\",\"orderId\":\"matrix-{run}\",\"amount\":1,"
                      + "\"currency\":\"USD\"}"),
          Route.get("/api/attribution/settings").salesAndAdmins(200),
          Route.put("/api/attribution/settings", "{}").admins(200),
          Route.get("/api/attribution/sites").admins(200).shows("{siteKey}"),
          Route.post("/api/attribution/sites", "{}").admins(400),
          Route.delete("/api/attribution/sites/{siteKey}")
              .admins(204)
              .adminOn("/api/attribution/sites/{spareSiteKey}")
              .elsewhere(404),
          Route.get("/api/attribution/shops").admins(200).shows("{shop}"),
          Route.post("/api/attribution/shops", "{}").admins(400),
          Route.delete("/api/attribution/shops/{shop}")
              .admins(204)
              .adminOn("/api/attribution/shops/{spareShop}")
              .elsewhere(404),
          Route.get("/api/attribution/contacts/{contact}/export").admins(200),
          // attribution: public
          Route.post("/track?key=trk_matrix_unknown_site", PAGE_VIEW)
              .type("text/plain")
              .anyone(404),
          Route.options("/track?key=trk_matrix_unknown_site").anyone(204),
          Route.post("/webhooks/shopify/{shop}", "{\"id\":1}").anyone(401),
          // the gateway's own
          Route.get("/tutti.js").anyone(200),
          Route.get("/q/health/ready").anyone(200));

  /** Bodies and content types go out as written, with no charset added. */
  private static final RestAssuredConfig AS_SENT =
      RestAssuredConfig.config()
          .encoderConfig(
              EncoderConfig.encoderConfig()
                  .defaultContentCharset(StandardCharsets.UTF_8)
                  .encodeContentTypeAs("message/rfc822", ContentType.TEXT)
                  .appendDefaultContentCharsetToContentTypeIfUndefined(false));

  private static AcmeResources acme;

  @BeforeAll
  static void makeWhatTheMatrixAddresses() {
    acme = new AcmeResources();
    acme.build();
  }

  @AfterAll
  static void removeIt() {
    if (acme != null) {
      acme.remove();
    }
  }

  static Stream<Cell> cells() {
    return MATRIX.stream().flatMap(Route::cells);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void answersAsDesigned(Cell cell) {
    Caller caller = cell.caller();
    Target target = cell.route().targetFor(caller);
    String path = acme.resolve(target.path());
    String body = acme.resolve(target.body());
    RequestSpecification request =
        given().config(AS_SENT).redirects().follow(false).urlEncodingEnabled(false);
    if (caller.username != null) {
      request.auth().oauth2(RunningSystem.tokenFor(caller.username));
    }
    if (body != null) {
      request.contentType(cell.route().contentType).body(body);
    }
    Response response = request.request(cell.route().method, RunningSystem.GATEWAY_URL + path);
    int status = response.statusCode();
    String answer = response.asString();

    assertThat(cell.expect().accepts().test(status, answer))
        .as(
            "%s %s as %s answered %d: %.500s",
            cell.route().method, path, caller.label, status, answer)
        .isTrue();
    if (status / 100 != 2) {
      return;
    }
    if (caller.ofAcme()) {
      for (String shown : cell.route().shownToAcme) {
        assertThat(answer).as("what %s is shown", caller.label).contains(acme.resolve(shown));
      }
    }
    if (caller == Caller.OTHER_ADMIN) {
      assertThat(acme.acmeValuesIn(answer, path + " " + body))
          .as("acme's values in what bob is shown: %.500s", answer)
          .isEmpty();
    }
  }
}
