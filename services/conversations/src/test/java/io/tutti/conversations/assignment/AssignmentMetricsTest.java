package io.tutti.conversations.assignment;

import static io.tutti.conversations.assignment.StrategyTest.assign;
import static io.tutti.conversations.assignment.StrategyTest.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.tutti.conversations.testing.Agents;
import io.tutti.conversations.testing.ConversationsTest;
import io.tutti.conversations.testing.Database;
import io.tutti.conversations.testing.Received;
import io.tutti.conversations.testing.Routing;
import io.tutti.conversations.testing.ServiceTest;
import io.tutti.conversations.testing.Teams;
import io.tutti.conversations.testing.TestClock;
import io.tutti.events.testing.ScrapedMetrics;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How long conversations waited for an agent, by how they got one, and how many wait now: what the
 * Agents row of the dashboard plots.
 */
@QuarkusTest
@ConversationsTest
@TestSecurity(
    user = "ada",
    roles = {"admin", "sales", "agent"})
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class AssignmentMetricsTest extends ServiceTest {

  @Inject MeterRegistry registry;
  @Inject TestClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void anAgentAssignedByHandEndsTheWaitThatBeganWhenTheConversationOpened() {
    long before = waits(AssignmentMetrics.MANUAL, "messenger");
    String id = newConversation("messenger");
    assertThat(awaitingSince(id)).isNotNull();

    assign(id, Map.of("assigneeId", "amy"));

    assertThat(waits(AssignmentMetrics.MANUAL, "messenger")).isEqualTo(before + 1);
    assertThat(awaitingSince(id)).isNull();
    assertThat(
            ScrapedMetrics.value(
                "tutti_assignment_wait_seconds_count", "how", "manual", "channel", "messenger"))
        .isEqualTo(before + 1);
  }

  @Test
  void aTeamsStrategyPickingAnAgentCountsAsAutomaticWithTheTimeTheCustomerWaited() {
    long before = waits(AssignmentMetrics.AUTOMATIC, "whatsapp");
    String id = newConversation("whatsapp");
    // Ten minutes pass with nobody there to take it; then amy signs in.
    clock.advance(Duration.ofMinutes(10));
    Agents.signIn(workspace, "amy");
    String team =
        Teams.create(
            Map.of(
                "name",
                "Waits " + UUID.randomUUID(),
                "strategy",
                "least_loaded",
                "memberIds",
                List.of("amy")));

    assertThat(assign(id, Map.of("teamId", team)).getString("assigneeId")).isEqualTo("amy");

    Timer wait = wait(AssignmentMetrics.AUTOMATIC, "whatsapp");
    assertThat(wait.count()).isEqualTo(before + 1);
    assertThat(wait.max(TimeUnit.MINUTES)).isGreaterThanOrEqualTo(10.0);
    assertThat(
            ScrapedMetrics.value(
                "tutti_assignment_wait_seconds_bucket",
                "how",
                "automatic",
                "channel",
                "whatsapp",
                "le",
                "+Inf"))
        .isEqualTo(before + 1);
  }

  @Test
  void aRuleNamingTheAgentCountsAsRuleAndAHandOverBetweenAgentsIsNoWait() {
    long rule = waits(AssignmentMetrics.RULE, "telegram");
    long manual = waits(AssignmentMetrics.MANUAL, "telegram");
    String id = newConversation("telegram");

    Routing.toAgent(workspace, id, "amy", "rule 'VIP'");
    assign(id, Map.of("assigneeId", "ben"));

    assertThat(waits(AssignmentMetrics.RULE, "telegram")).isEqualTo(rule + 1);
    assertThat(waits(AssignmentMetrics.MANUAL, "telegram")).isEqualTo(manual);
  }

  @Test
  void aConversationThatLosesItsAgentWaitsAgainAndOneThatIsNotOpenDoesNot() {
    String id = newConversation("messenger");
    assign(id, Map.of("assigneeId", "amy"));
    assertThat(awaitingSince(id)).isNull();

    assign(id, Collections.singletonMap("assigneeId", null));
    assertThat(awaitingSince(id)).isNotNull();

    setStatus(id, Map.of("status", "pending"));
    assertThat(awaitingSince(id)).isNull();
    long before = waits(AssignmentMetrics.MANUAL, "messenger");
    assign(id, Map.of("assigneeId", "ben"));
    assertThat(waits(AssignmentMetrics.MANUAL, "messenger")).isEqualTo(before);
  }

  @Test
  void gaugesCountWhatWaitsAndHowLongTheLongestHasWaited() {
    String id = newConversation("sms");
    String other = newConversation("sms");
    // The first has waited an hour already.
    Database.update(
        "update conversation set awaiting_agent_since = now() - interval '1 hour' where id = ?",
        uuid(id));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> gauge("tutti.assignment.waiting") == waitingInTheDatabase());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> gauge("tutti.assignment.oldest.age") >= 3600);
    assertThat(gauge("tutti.assignment.waiting")).isGreaterThanOrEqualTo(2);
    assertThat(ScrapedMetrics.value("tutti_assignment_oldest_age_seconds"))
        .isGreaterThanOrEqualTo(3600);

    assign(id, Map.of("assigneeId", "amy"));
    assign(other, Map.of("assigneeId", "amy"));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                gauge("tutti.assignment.waiting") == waitingInTheDatabase()
                    && gauge("tutti.assignment.oldest.age") < 3600);
    assertThat(ScrapedMetrics.value("tutti_assignment_waiting"))
        .isEqualTo(gauge("tutti.assignment.waiting"));
  }

  private String newConversation(String channel) {
    String mid = "mid-" + UUID.randomUUID();
    receiveAndWait(Received.on(newInbox(), channel).id(mid).build());
    return conversationOfMessage(mid);
  }

  private Timer wait(String how, String channel) {
    return registry.get("tutti.assignment.wait").tag("how", how).tag("channel", channel).timer();
  }

  private long waits(String how, String channel) {
    Timer timer =
        registry.find("tutti.assignment.wait").tag("how", how).tag("channel", channel).timer();
    return timer == null ? 0 : timer.count();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  /** What the gauge counts, asked of the database now. */
  private static double waitingInTheDatabase() {
    return ((Number)
            Database.single(
                "select count(*) from conversation where awaiting_agent_since is not null and"
                    + " status = 'open' and assignee_id is null"))
        .doubleValue();
  }

  private static Object awaitingSince(String id) {
    return Database.single("select awaiting_agent_since from conversation where id = ?", uuid(id));
  }
}
