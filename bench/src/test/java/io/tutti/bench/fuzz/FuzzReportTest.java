package io.tutti.bench.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FuzzReportTest {

  private static final long MB = 1 << 20;

  @Test
  void aRunWithOnlyClientErrorsAndFlatMemoryPasses() {
    FuzzReport report = report(List.of(), memory(100 * MB, 110 * MB, 2), List.of());

    assertThat(report.problems()).isEmpty();
    assertThat(report.passed()).isTrue();
    assertThat(report.summary()).contains("PASSED", "webhook.telegram");
  }

  @Test
  void aServerErrorFailsTheRun() {
    var failure =
        new FuzzReport.Failure(
            17, "api.queue", "GET /api/conversations?limit=x", "500", "bad-param", "{}");

    FuzzReport report = report(List.of(failure), memory(100 * MB, 100 * MB, 2), List.of());

    assertThat(report.problems()).singleElement().asString().contains("5xx");
    assertThat(report.summary()).contains("#17", "--seed 7 --case N");
  }

  @Test
  void onlyTheServicesOwn503ForAnUnavailablePlatformIsNotAFailure() {
    byte[] unavailable =
        "{\"type\":\"urn:tutti:problem:platform-unavailable\",\"status\":503}"
            .getBytes(StandardCharsets.UTF_8);
    byte[] internal =
        "{\"type\":\"urn:tutti:problem:internal-error\",\"status\":503}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(FuzzReport.isPlatformUnavailable(503, unavailable)).isTrue();
    assertThat(FuzzReport.isPlatformUnavailable(500, unavailable)).isFalse();
    assertThat(FuzzReport.isPlatformUnavailable(503, internal)).isFalse();
    assertThat(
            FuzzReport.isPlatformUnavailable(503, "upstream down".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
  }

  @Test
  void heapGrowthAfterTheWarmUpBeyondTheLimitFailsTheRun() {
    FuzzReport report = report(List.of(), memory(100 * MB, 140 * MB, 2), List.of());

    assertThat(report.problems())
        .singleElement()
        .asString()
        .contains("connectors heap after GC grew by 40 MB");
  }

  @Test
  void aServiceThatRestartedFailsTheRunWhateverItsHeap() {
    FuzzReport report = report(List.of(), memory(100 * MB, 100 * MB, 3), List.of());

    assertThat(report.problems())
        .singleElement()
        .asString()
        .contains("connectors is not the process");
  }

  @Test
  void aBadSignatureThatWasAcceptedFailsTheRun() {
    var accepted =
        new FuzzReport.Failure(
            3, "webhook.telegram", "POST /webhooks/telegram/x", "200", "bad-secret", "");

    FuzzReport report = report(List.of(), memory(100 * MB, 100 * MB, 2), List.of(accepted));

    assertThat(report.problems()).singleElement().asString().contains("without a valid credential");
  }

  private static Map<String, FuzzReport.Memory> memory(long warm, long after, long pidAfter) {
    Map<String, FuzzReport.Memory> memory = new TreeMap<>();
    for (String service : FuzzReport.SERVICES) {
      boolean connectors = service.equals("connectors");
      memory.put(
          service,
          new FuzzReport.Memory(
              service,
              2,
              connectors ? pidAfter : 2,
              true,
              300 * MB,
              310 * MB,
              320 * MB,
              60 * MB,
              warm,
              connectors ? after : warm));
    }
    return memory;
  }

  private static FuzzReport report(
      List<FuzzReport.Failure> failures,
      Map<String, FuzzReport.Memory> memory,
      List<FuzzReport.Failure> accepted) {
    return new FuzzReport(
        7,
        100,
        Duration.ofSeconds(3),
        Map.of(
            "webhook.telegram", new FuzzReport.CategoryStats(100, Map.of("200", 20, "400", 80), 0)),
        failures,
        List.of(),
        accepted,
        List.of(),
        memory,
        Map.of(),
        32 * MB,
        0,
        0,
        List.of());
  }
}
