package io.tutti.bench.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RabbitRawTest {

  @Test
  void receivingRateIsReadFromPerfTestsFinalSummary() {
    String output =
        """
        id: tutti-raw, time 1.000 s, sent: 9000 msg/s, confirmed: 8800 msg/s, received: 8700 msg/s
        id: tutti-raw, time 2.000 s, sent: 9100 msg/s, confirmed: 9000 msg/s, received: 9050 msg/s
        id: tutti-raw, sending rate avg: 9043 msg/s
        id: tutti-raw, receiving rate avg: 8912 msg/s
        """;

    assertThat(RabbitRaw.receivingRateAverage(output)).contains(8912.0);
  }

  @Test
  void slowRateWithDecimalsIsRead() {
    assertThat(RabbitRaw.receivingRateAverage("id: x, receiving rate avg: 3.5 msg/s"))
        .contains(3.5);
  }

  @Test
  void outputWithoutASummaryHasNoRate() {
    assertThat(RabbitRaw.receivingRateAverage("Main thread caught exception: refused")).isEmpty();
  }

  @Test
  void flagsAskForPersistentConfirmedAckedMessagesOnAQuorumQueue() {
    assertThat(RabbitRaw.arguments("amqp://guest:guest@127.0.0.1:5672/%2F", 10))
        .containsSubsequence("--queue", "bench.raw")
        .containsSubsequence("--flag", "persistent")
        .containsSubsequence("--confirm", "200")
        .containsSubsequence("--multi-ack-every", "100")
        .containsSubsequence("--qos", "500")
        .containsSubsequence("--time", "10")
        .contains("--quorum-queue");
  }

  @Test
  void uriComesFromTheLaunchersSettings() {
    assertThat(RabbitRaw.uriFrom(Map.of())).isEqualTo("amqp://guest:guest@127.0.0.1:5672/%2F");
    assertThat(
            RabbitRaw.uriFrom(
                Map.of(
                    "TUTTI_RABBITMQ_HOST", "mq",
                    "TUTTI_RABBITMQ_PORT", "5673",
                    "TUTTI_RABBITMQ_USER", "tutti",
                    "TUTTI_RABBITMQ_PASSWORD", "p@ss/word",
                    "TUTTI_RABBITMQ_VHOST", "tutti")))
        .isEqualTo("amqp://tutti:p%40ss%2Fword@mq:5673/tutti");
  }

  @Test
  void passwordIsLeftOutOfTheReportedUri() {
    assertThat(RabbitRaw.redacted("amqp://tutti:s3cret@mq:5672/%2F"))
        .isEqualTo("amqp://tutti:***@mq:5672/%2F");
  }
}
