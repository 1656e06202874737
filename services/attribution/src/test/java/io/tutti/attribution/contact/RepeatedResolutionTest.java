package io.tutti.attribution.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.tutti.attribution.testing.AttributionTest;
import io.tutti.attribution.testing.ServiceTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Profiles answers every message with its sender's {@code contact.resolved}. One that changes
 * nothing attribution knows leaves the contact's credit alone, without even waiting for its
 * conversions; one that brings a touch nobody had credits the contact with it.
 */
@QuarkusTest
@AttributionTest
class RepeatedResolutionTest extends ServiceTest {

  private final Instant start =
      Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);

  @Test
  void aResolutionThatChangesNothingLeavesTheCreditAlone() throws Exception {
    String contact = UUID.randomUUID().toString();
    String sender = "tg-" + contact;
    message("telegram", sender, null, start);
    resolved("telegram", sender, contact, true, start.plusSeconds(1));
    message("telegram", sender, null, start.plusSeconds(60));

    // Working the credit out again locks the contact's conversions: held here, that would wait.
    try (Connection connection = DB.connect()) {
      connection.setAutoCommit(false);
      try (PreparedStatement lock =
          connection.prepareStatement(
              "select id from conversion where contact_id = cast(? as uuid) for update")) {
        lock.setString(1, contact);
        lock.executeQuery().close();
      }
      resolved("telegram", sender, contact, false, start.plusSeconds(61));
      connection.rollback();
    }
  }

  @Test
  void aResolutionThatBringsATouchNobodyHadCreditsIt() {
    String contact = UUID.randomUUID().toString();
    String sender = "tg-" + contact;
    message("telegram", sender, null, start);
    resolved("telegram", sender, contact, true, start.plusSeconds(1));
    assertThat(firstTouchCampaigns(contact)).containsExactly("");
    // An ad message of the sender handled while the first resolution was: stored without contact.
    DB.update(
        "insert into touch (id, workspace_id, kind, contact_id, identity_channel, identity_id,"
            + " channel, campaign, occurred_at, dedupe_key) values (?, ?, 'message', null,"
            + " 'telegram', ?, 'telegram', 'winter', ?, ?)",
        UUID.randomUUID(),
        workspace,
        sender,
        java.sql.Timestamp.from(start.minusSeconds(3600)),
        "ad:" + UUID.randomUUID());

    resolved("telegram", sender, contact, false, start.plusSeconds(61));

    assertThat(
            DB.count(
                "select count(*) from touch where workspace_id = ? and identity_id = ? and"
                    + " contact_id is null",
                workspace,
                sender))
        .isZero();
    assertThat(firstTouchCampaigns(contact)).containsExactly("winter");
  }

  private static List<Object> firstTouchCampaigns(String contact) {
    return DB.column(
        "select cr.campaign from credit cr join conversion c on c.id = cr.conversion_id"
            + " where c.contact_id = cast(? as uuid) and cr.model = 'first_touch'",
        contact);
  }
}
