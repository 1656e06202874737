package io.tutti.conversations.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tutti.conversations.testing.Agents;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Database;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.Routing;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.conversations.testing.Teams;
import io.tutti.events.EventTypes;
import io.tutti.events.testing.Callers;
import io.tutti.events.type.ConversationUpdated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class StrategyTest extends ServiceTest {

  @Test
  void aTeamWithoutAStrategyLeavesTheTakingToItsAgents() {
    String team = Teams.create("Support", "amy");
    Agents.signIn(workspace, "amy");
    String id = newConversation("instagram");

    JsonPath assigned = assign(id, Map.of("teamId", team));

    assertThat(assigned.getString("teamId")).isEqualTo(team);
    assertThat(assigned.getString("assigneeId")).isNull();
    assertThat(given().get("/api/teams/" + team).then().extract().path("strategy").toString())
        .isEqualTo("manual");
    assertThat(Database.single("select queued_at from conversation where id = ?", uuid(id)))
        .isNull();
  }

  @Test
  void roundRobinTakesTurnsAmongTheMembersAndSaysSoInTheActivity() {
    String team =
        Teams.create(
            Map.of(
                "name",
                "Sales",
                "strategy",
                "round_robin",
                "memberIds",
                List.of("cat", "amy", "ben")));
    Agents.signIn(workspace, "amy", "ben", "cat");

    List<String> assignees = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = newConversation("whatsapp");
      ids.add(id);
      assignees.add(assign(id, Map.of("teamId", team)).getString("assigneeId"));
    }

    assertThat(assignees).containsExactly("amy", "ben", "cat", "amy", "ben", "cat");
    JsonPath activity = activity(ids.getFirst());
    assertThat(activity.getList("items.type"))
        .containsExactly("assignee_changed", "team_changed", "opened");
    assertThat(activity.getString("items[0].actor")).isEqualTo("ada");
    assertThat(activity.getString("items[0].details.to")).isEqualTo("amy");
    assertThat(activity.getString("items[0].details.strategy")).isEqualTo("round_robin");
    assertThat(activity.getString("items[1].details.to")).isEqualTo(team);
    List<ConversationUpdated> updates =
        tap.await(workspace, EventTypes.CONVERSATION_UPDATED, 6).stream()
            .map(e -> (ConversationUpdated) e.payload())
            .toList();
    assertThat(updates)
        .allSatisfy(u -> assertThat(u.changed()).containsExactly("team", "assignee"));
    assertThat(updates)
        .extracting(ConversationUpdated::assigneeId)
        .containsExactlyElementsOf(assignees);
  }

  @Test
  void sendingAnAssignedConversationToATeamKeepsItsAgentUnlessTheRequestClearsThem() {
    String team =
        Teams.create(
            Map.of("name", "Sales", "strategy", "least_loaded", "memberIds", List.of("amy")));
    Agents.signIn(workspace, "amy");
    String id = newConversation("messenger");
    assign(id, Map.of("assigneeId", "zed"));

    assertThat(assign(id, Map.of("teamId", team)).getString("assigneeId")).isEqualTo("zed");
    Map<String, Object> handOver = new HashMap<>();
    handOver.put("teamId", team);
    handOver.put("assigneeId", null);
    assertThat(assign(id, handOver).getString("assigneeId")).isEqualTo("amy");

    JsonPath activity = activity(id);
    assertThat(activity.getString("items[0].details.from")).isEqualTo("zed");
    assertThat(activity.getString("items[0].details.to")).isEqualTo("amy");
    assertThat(activity.getString("items[0].details.strategy")).isEqualTo("least_loaded");
  }

  @Test
  void leastLoadedPicksTheFewestOpenConversationsAndOnTiesWhoWaitedLongest() {
    String team =
        Teams.create(
            Map.of(
                "name",
                "Care",
                "strategy",
                "least_loaded",
                "memberIds",
                List.of("amy", "ben", "cat")));
    Agents.signIn(workspace, "amy", "ben", "cat");
    assign(newConversation("sms"), Map.of("assigneeId", "amy"));
    assign(newConversation("sms"), Map.of("assigneeId", "amy"));
    assign(newConversation("sms"), Map.of("assigneeId", "cat"));
    String resolved = newConversation("sms");
    assign(resolved, Map.of("assigneeId", "ben"));
    setStatus(resolved, Map.of("status", "resolved"));

    String first = newConversation("sms");
    String second = newConversation("sms");

    assertThat(assign(first, Map.of("teamId", team)).getString("assigneeId")).isEqualTo("ben");
    // ben and cat have one each now; cat has not had one from the team yet.
    assertThat(assign(second, Map.of("teamId", team)).getString("assigneeId")).isEqualTo("cat");
    assertThat(activity(first).getString("items[0].details.strategy")).isEqualTo("least_loaded");
  }

  @Test
  void stickyGivesTheCustomerTheAgentWhoLastHelpedThemElseFallsBack() {
    String team =
        Teams.create(
            Map.of("name", "Desk", "strategy", "sticky", "memberIds", List.of("amy", "ben")));
    Agents.signIn(workspace, "amy", "ben");
    Received customer = Received.on(newInbox(), "whatsapp").from("+4915112345678");
    String earlier = conversationOf(customer);
    assign(earlier, Map.of("assigneeId", "ben"));
    setStatus(earlier, Map.of("status", "resolved"));

    // The same customer on another of the workspace's WhatsApp numbers.
    String again =
        conversationOf(Received.on(newInbox(), "whatsapp").from(customer.externalContactId()));
    JsonPath sticky = assign(again, Map.of("teamId", team));

    assertThat(sticky.getString("assigneeId")).isEqualTo("ben");
    assertThat(activity(again).getString("items[0].details.strategy")).isEqualTo("sticky");
    assertThat(activity(again).getString("items[0].details.fallback")).isNull();

    Callers.agent("ben", workspace);
    Agents.configure("me", Map.of("availability", "away"));
    Callers.admin("ada", workspace);
    String third =
        conversationOf(Received.on(newInbox(), "whatsapp").from(customer.externalContactId()));
    assertThat(assign(third, Map.of("teamId", team)).getString("assigneeId")).isEqualTo("amy");
    assertThat(activity(third).getString("items[0].details.fallback")).isEqualTo("least_loaded");
  }

  @Test
  void stickyFollowsTheContactAcrossChannels() {
    String team =
        Teams.create(
            Map.of(
                "name", "Desk",
                "strategy", "sticky",
                "fallbackStrategy", "round_robin",
                "memberIds", List.of("amy", "cat")));
    Agents.signIn(workspace, "amy", "cat");
    String onWhatsApp = newConversation("whatsapp");
    String onInstagram = newConversation("instagram");
    String contact = "contact-" + UUID.randomUUID();
    Database.update(
        "update conversation set contact_id = ? where id in (?, ?)",
        contact,
        uuid(onWhatsApp),
        uuid(onInstagram));
    assign(onWhatsApp, Map.of("assigneeId", "cat"));

    Assignments.Assigned assigned =
        Routing.toTeam(workspace, onInstagram, team, null, Set.of(), "rule 'Known customers'");

    assertThat(assigned.agentId()).isEqualTo("cat");
    JsonPath activity = activity(onInstagram);
    assertThat(activity.getString("items[0].actor")).isEqualTo("rule:test");
    assertThat(activity.getString("items[0].details.reason")).isEqualTo("rule 'Known customers'");
  }

  @Test
  void onlyAgentsWithTheTeamsAndTheRulesSkillsAreGivenTheConversation() {
    String team =
        Teams.create(
            Map.of(
                "name",
                "Spanish desk",
                "strategy",
                "least_loaded",
                "requiredSkills",
                List.of("Spanish"),
                "memberIds",
                List.of("amy", "ben", "cat")));
    Agents.signIn(workspace, "amy", "ben", "cat");
    Agents.configure("amy", Map.of("skills", List.of("spanish")));
    Agents.configure("ben", Map.of("skills", List.of("Spanish", "billing")));

    String billing = newConversation("email");
    assertThat(Routing.toTeam(workspace, billing, team, null, Set.of("billing"), null).agentId())
        .isEqualTo("ben");
    List<String> others = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      others.add(
          Routing.toTeam(workspace, newConversation("email"), team, null, Set.of(), null)
              .agentId());
    }
    assertThat(others).containsOnly("amy", "ben").doesNotContainNull();

    String french = newConversation("email");
    Assignments.Assigned waiting =
        Routing.toTeam(workspace, french, team, "round_robin", Set.of("french"), null);
    assertThat(waiting.waiting()).isTrue();
    assertThat(waiting.teamId().toString()).isEqualTo(team);
    assertThat(
            Database.single(
                "select array_to_string(required_skills, ',') || ' ' || assignment_strategy from"
                    + " conversation where id = ? and queued_at is not null",
                uuid(french)))
        .isEqualTo("french round_robin");
  }

  @Test
  void aChannelsCapacityLimitsThatChannelOnly() {
    String team =
        Teams.create(
            Map.of("name", "Care", "strategy", "least_loaded", "memberIds", List.of("amy")));
    Agents.signIn(workspace, "amy");
    Agents.configure("amy", Map.of("capacity", 5, "channelCapacity", Map.of("WhatsApp", 1)));

    String firstWhatsApp = newConversation("whatsapp");
    String secondWhatsApp = newConversation("whatsapp");
    String instagram = newConversation("instagram");

    assertThat(assign(firstWhatsApp, Map.of("teamId", team)).getString("assigneeId"))
        .isEqualTo("amy");
    assertThat(assign(secondWhatsApp, Map.of("teamId", team)).getString("assigneeId")).isNull();
    assertThat(assign(instagram, Map.of("teamId", team)).getString("assigneeId")).isEqualTo("amy");
    assertThat(Agents.get("amy").getInt("openCount")).isEqualTo(2);
    assertThat(Agents.get("amy").getInt("channelCapacity.whatsapp")).isEqualTo(1);
  }

  @Test
  void aRuleGivesTheConversationToOneAgentWhateverTheirLoad() {
    Agents.signIn(workspace, "amy");
    Agents.configure("amy", Map.of("capacity", 0));
    String id = newConversation("telegram");

    Assignments.Assigned assigned = Routing.toAgent(workspace, id, "amy", "rule 'VIP'");

    assertThat(assigned.agentId()).isEqualTo("amy");
    assertThat(conversation(id).getString("assigneeId")).isEqualTo("amy");
    assertThat(activity(id).getString("items[0].details.reason")).isEqualTo("rule 'VIP'");
    ConversationUpdated update =
        (ConversationUpdated)
            tap.await(workspace, EventTypes.CONVERSATION_UPDATED, 1).getFirst().payload();
    assertThat(update.assigneeId()).isEqualTo("amy");
    assertThat(update.by()).isEqualTo("rule:test");
  }

  private String newConversation(String channel) {
    return conversationOf(Received.on(newInbox(), channel));
  }

  private String conversationOf(Received customer) {
    String id = "mid-" + UUID.randomUUID();
    receiveAndWait(customer.id(id).build());
    return conversationOfMessage(id);
  }

  static JsonPath assign(String id, Map<String, ?> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/conversations/" + id + "/assign")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static JsonPath activity(String id) {
    return given()
        .get("/api/conversations/" + id + "/activity")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static UUID uuid(String id) {
    return UUID.fromString(id);
  }
}
