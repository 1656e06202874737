package io.tutti.attribution.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tutti.attribution.testing.AttributionTest;
import io.tutti.attribution.testing.ServiceTest;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.ContactMerged;
import io.tutti.events.type.ContactUnmerged;
import io.tutti.events.type.Referral;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One person wrote on WhatsApp (an ad brought them) and, as another contact, by SMS. Merging them
 * makes one contact whose sale is credited over both journeys; unmerging gives back both exactly.
 */
@QuarkusTest
@AttributionTest
class MergeRecreditTest extends ServiceTest {

  private final Instant start =
      Instant.now().minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
  private final String from = LocalDate.ofInstant(start, ZoneOffset.UTC).minusDays(1).toString();
  private final String to = LocalDate.now(ZoneOffset.UTC).toString();

  @Test
  void mergeCreditsTheSurvivorsSaleOverBothJourneysAndUnmergeRestoresBoth() {
    String whatsapp = UUID.randomUUID().toString();
    String sms = UUID.randomUUID().toString();
    String waId = "81" + (100000000L + (long) (Math.random() * 899999999L));
    message("whatsapp", waId, new Referral("ad", "ad-7", "spring", null, Map.of()), start);
    resolved("whatsapp", waId, whatsapp, true, start.plusSeconds(1));
    String phone = "+1555" + (1000000 + (int) (Math.random() * 8999999));
    message("sms", phone, null, start.plus(Duration.ofDays(1)));
    resolved("sms", phone, sms, true, start.plus(Duration.ofDays(1)).plusSeconds(1));
    recordSale(sms, "order-" + UUID.randomUUID(), "80.00", start.plus(Duration.ofDays(2)))
        .then()
        .statusCode(201);

    JsonPath before = report(from, to, "linear", "channel");
    assertThat(row(before, "whatsapp")).containsExactly("0", "1.00", "0.00", "0.00", "0.00");
    assertThat(row(before, "sms")).containsExactly("0", "1.00", "0.00", "1.00", "80.00");

    String mergeId = UUID.randomUUID().toString();
    EventEnvelope merged =
        publisher.publish("profiles", workspace, new ContactMerged(mergeId, whatsapp, sms, "sam"));
    awaitHandled(merged, "attribution.contacts");

    JsonPath after = report(from, to, "linear", "channel");
    // one person is one contact: the earlier contact conversion counts, the sale is shared
    assertThat(after.getString("totals.contacts")).isEqualTo("1.00");
    assertThat(row(after, "whatsapp")).containsExactly("0", "1.00", "0.00", "0.50", "40.00");
    assertThat(row(after, "sms")).containsExactly("0", "0.00", "0.00", "0.50", "40.00");
    assertThat(row(report(from, to, "first_touch", "campaign"), "spring"))
        .containsExactly("0", "1.00", "0.00", "1.00", "80.00");

    EventEnvelope unmerged =
        publisher.publish(
            "profiles",
            workspace,
            new ContactUnmerged(mergeId, whatsapp, sms, List.of("sms:" + phone), "sam"));
    awaitHandled(unmerged, "attribution.contacts");

    JsonPath restored = report(from, to, "linear", "channel");
    assertThat(restored.getList("rows")).isEqualTo(before.getList("rows"));
    assertThat(restored.getMap("totals")).isEqualTo(before.getMap("totals"));
  }

  @Test
  void aRedeliveredMergeChangesNothing() {
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    message("telegram", "tg-" + a, null, start);
    resolved("telegram", "tg-" + a, a, true, start.plusSeconds(1));
    message("email", b + "@example.com", null, start.plusSeconds(60));
    resolved("email", b + "@example.com", b, true, start.plusSeconds(61));
    EventEnvelope merged =
        publisher.publish(
            "profiles", workspace, new ContactMerged(UUID.randomUUID().toString(), a, b, "sam"));
    awaitHandled(merged, "attribution.contacts");
    JsonPath once = report(from, to, "first_touch", "channel");

    publisher.publish(merged);
    awaitHandled(merged, "attribution.contacts");

    assertThat(report(from, to, "first_touch", "channel").getMap("totals"))
        .isEqualTo(once.getMap("totals"));
    assertThat(once.getString("totals.contacts")).isEqualTo("1.00");
  }
}
