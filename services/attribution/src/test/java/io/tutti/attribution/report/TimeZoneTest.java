package io.tutti.attribution.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tutti.attribution.testing.AttributionTest;
import io.tutti.attribution.testing.ServiceTest;
import io.tutti.events.testing.Callers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Report dates are the workspace's days: a contact at 23:30 UTC is tomorrow's in Tokyo. */
@QuarkusTest
@AttributionTest
class TimeZoneTest extends ServiceTest {

  private final Instant lateUtc =
      LocalDate.now(ZoneOffset.UTC)
          .minusDays(3)
          .atTime(23, 30)
          .toInstant(ZoneOffset.UTC)
          .truncatedTo(ChronoUnit.SECONDS);
  private final String utcDay = LocalDate.ofInstant(lateUtc, ZoneOffset.UTC).toString();
  private final String tokyoDay =
      LocalDate.ofInstant(lateUtc, ZoneOffset.UTC).plusDays(1).toString();

  @Test
  void conversionsAndSessionsCountOnTheWorkspacesDayAndMoveWhenItsZoneChanges() {
    String visitor = UUID.randomUUID().toString();
    pageView(visitor, "https://shop.example/?utm_source=ig", null, lateUtc);
    awaitTracked(1);
    resolved("web", visitor, UUID.randomUUID().toString(), true, lateUtc.plusSeconds(60));

    assertThat(row(report(utcDay, utcDay, "first_touch", "channel"), "instagram"))
        .containsExactly("1", "1.00", "0.00", "0.00", "0.00");
    assertThat(report(tokyoDay, tokyoDay, "first_touch", "channel").getList("rows")).isEmpty();

    Callers.admin("ada", workspace);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("timeZone", "Asia/Tokyo"))
        .when()
        .put("/api/attribution/settings")
        .then()
        .statusCode(200);
    Callers.actAs("sam", workspace, "sales");

    assertThat(report(utcDay, utcDay, "first_touch", "channel").getList("rows")).isEmpty();
    assertThat(row(report(tokyoDay, tokyoDay, "first_touch", "channel"), "instagram"))
        .containsExactly("1", "1.00", "0.00", "0.00", "0.00");
    assertThat(report(tokyoDay, tokyoDay, "first_touch", "channel").getString("timeZone"))
        .isEqualTo("Asia/Tokyo");
  }
}
