package io.tutti.connectors.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.tutti.connectors.testing.Bot;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.FakePlatforms;
import io.tutti.connectors.testing.OutboundTest;
import io.tutti.connectors.testing.Replies;
import io.tutti.events.EventEnvelope;
import io.tutti.events.UuidV7;
import io.tutti.events.testing.ScrapedMetrics;
import io.tutti.events.type.MessageStatusChanged;
import io.tutti.events.type.OutboundRequested;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Replies counted per platform: sent with how long they took from the agent's click, retried, and
 * failed for good by kind.
 */
@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class OutboundMetricsTest extends OutboundTest {

  private static final String CHAT = "5151";
  private static final String OK =
      "{\"ok\":true,\"result\":{\"message_id\":9,\"chat\":{\"id\":5151,\"type\":\"private\"},"
          + "\"date\":1700000000,\"text\":\"ok\"}}";

  @Inject MeterRegistry registry;

  @Test
  void replySentAfterARetryCountsTheRetryTheSendAndItsDeliveryTimeFromTheAgentsClick() {
    Bot bot = Bot.connect();
    String path = bot.path("sendMessage");
    FakePlatforms.answerInOrder(
        path,
        aResponse().withStatus(502).withBody("Bad Gateway"),
        aResponse().withStatus(200).withBody(OK));
    double sent = scraped("tutti_outbound_sent_total");
    double retried = scraped("tutti_outbound_retried_total");
    long deliveries = deliveryCount();
    OutboundRequested reply = Replies.text(bot.inboxId(), "telegram", CHAT, "Worth the wait");
    // The agent replied two seconds before connectors heard of it.
    Instant clicked = Instant.now().minusSeconds(2);

    Replies.publish(
        vertx,
        new EventEnvelope(
            UuidV7.next(),
            reply.type(),
            reply.version(),
            clicked,
            "acme",
            "conversations",
            null,
            reply));

    awaitStatus(reply.messageId(), MessageStatusChanged.SENT);
    assertThat(scraped("tutti_outbound_retried_total")).isEqualTo(retried + 1);
    assertThat(scraped("tutti_outbound_sent_total")).isEqualTo(sent + 1);
    Timer delivery = registry.get("tutti.outbound.delivery").tag("channel", "telegram").timer();
    assertThat(delivery.count()).isEqualTo(deliveries + 1);
    assertThat(delivery.max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2.0);
    assertThat(
            ScrapedMetrics.value(
                "tutti_outbound_delivery_seconds_bucket", "channel", "telegram", "le", "+Inf"))
        .isEqualTo(deliveries + 1);
  }

  @Test
  void replyThePlatformRefusesIsCountedAsAPermanentFailureWithoutRetries() {
    Bot bot = Bot.connect();
    FakePlatforms.answer(
        bot.path("sendMessage"),
        403,
        "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the"
            + " user\"}");
    double permanent = failed("permanent");
    double retried = scraped("tutti_outbound_retried_total");
    OutboundRequested reply = Replies.text(bot.inboxId(), "telegram", CHAT, "Hello?");

    Replies.send(vertx, reply);

    awaitStatus(reply.messageId(), MessageStatusChanged.FAILED);
    assertThat(failed("permanent")).isEqualTo(permanent + 1);
    assertThat(scraped("tutti_outbound_retried_total")).isEqualTo(retried);
  }

  @Test
  void replyOutOfAttemptsIsCountedAsATransientFailureAfterItsRetries() {
    Bot bot = Bot.connect();
    FakePlatforms.answer(bot.path("sendMessage"), 503, "Service Unavailable");
    double exhausted = failed("transient");
    double retried = scraped("tutti_outbound_retried_total");
    OutboundRequested reply = Replies.text(bot.inboxId(), "telegram", CHAT, "Anyone home?");

    Replies.send(vertx, reply);

    awaitStatus(reply.messageId(), MessageStatusChanged.FAILED);
    // Four attempts in the tests: three retries, then failed for good.
    assertThat(scraped("tutti_outbound_retried_total")).isEqualTo(retried + 3);
    assertThat(failed("transient")).isEqualTo(exhausted + 1);
  }

  private long deliveryCount() {
    Timer timer = registry.find("tutti.outbound.delivery").tag("channel", "telegram").timer();
    return timer == null ? 0 : timer.count();
  }

  private static double scraped(String name) {
    return ScrapedMetrics.value(name, "channel", "telegram");
  }

  private static double failed(String kind) {
    return ScrapedMetrics.value("tutti_outbound_failed_total", "channel", "telegram", "kind", kind);
  }
}
