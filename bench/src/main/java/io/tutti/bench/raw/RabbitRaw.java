package io.tutti.bench.raw;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.perf.PerfTest;
import com.rabbitmq.perf.Version;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RabbitMQ's own ceiling for what Tutti asks of it per message: a persistent message published with
 * publisher confirms into a quorum queue and consumed with manual acks. Measured with RabbitMQ's
 * PerfTest, in this JVM, so the figure is the one the RabbitMQ team's tool would print and not a
 * client of ours that could itself be the bottleneck.
 *
 * <p>Quorum queues because every Tutti queue is one; {@code --quorum-queue} makes PerfTest declare
 * the queue durable and not auto-deleted, so this class deletes the queue and its exchange itself,
 * before (a leftover backlog would flatter the consumer) and after.
 */
public final class RabbitRaw {

  static final String QUEUE = "bench.raw";
  static final String EXCHANGE = "bench.raw";

  /**
   * The summary line PerfTest prints at the end: {@code id: ..., receiving rate avg: 12345 msg/s}.
   */
  private static final Pattern RECEIVING_AVERAGE =
      Pattern.compile("receiving rate avg:\\s*([0-9][0-9.,]*)\\s*msg/s");

  private RabbitRaw() {}

  /**
   * The broker the services use, from {@code TUTTI_RABBITMQ_HOST}, {@code _PORT}, {@code _USER},
   * {@code _PASSWORD} and {@code _VHOST}, with the launcher's defaults.
   */
  public static String uriFromEnvironment() {
    return uriFrom(System.getenv());
  }

  static String uriFrom(Map<String, String> env) {
    return "amqp://%s:%s@%s:%s/%s"
        .formatted(
            encode(env.getOrDefault("TUTTI_RABBITMQ_USER", "guest")),
            encode(env.getOrDefault("TUTTI_RABBITMQ_PASSWORD", "guest")),
            env.getOrDefault("TUTTI_RABBITMQ_HOST", "127.0.0.1"),
            env.getOrDefault("TUTTI_RABBITMQ_PORT", "5672"),
            encode(env.getOrDefault("TUTTI_RABBITMQ_VHOST", "/")));
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Runs PerfTest against {@code amqpUri} for {@code seconds} and returns the average consumed
   * rate.
   *
   * @throws IllegalStateException when PerfTest fails or prints no receiving rate
   */
  public static RawMeasurement measure(String amqpUri, int seconds) {
    var arguments = arguments(amqpUri, seconds);
    deleteTopology(amqpUri);
    try {
      String output = runPerfTest(arguments);
      double rate =
          receivingRateAverage(output)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "PerfTest printed no receiving rate; its output:\n" + output));
      return new RawMeasurement(rate, detail(amqpUri, arguments));
    } finally {
      deleteTopology(amqpUri);
    }
  }

  /** The PerfTest command line, one flag per Tutti habit: persistent, confirmed, acked, quorum. */
  static List<String> arguments(String amqpUri, int seconds) {
    return List.of(
        "--uri",
        amqpUri,
        "--exchange",
        EXCHANGE,
        "--queue",
        QUEUE,
        "--quorum-queue",
        "--flag",
        "persistent",
        "--confirm",
        "200",
        "--multi-ack-every",
        "100",
        "--qos",
        "500",
        "--producers",
        "1",
        "--consumers",
        "1",
        "--time",
        Integer.toString(seconds),
        "--id",
        "tutti-raw");
  }

  /** The average consumed rate from PerfTest's final summary, if it printed one. */
  static Optional<Double> receivingRateAverage(String output) {
    Matcher matcher = RECEIVING_AVERAGE.matcher(output);
    Double last = null;
    while (matcher.find()) {
      last = Double.parseDouble(matcher.group(1).replace(",", ""));
    }
    return Optional.ofNullable(last);
  }

  /**
   * Runs PerfTest through {@code PerfTest.main(String[], PerfTestOptions)}, the entry point that
   * takes its exit through a hook instead of {@code System.exit}, with its console captured and its
   * environment-variable lookup switched off so only our flags count.
   */
  private static String runPerfTest(List<String> arguments) {
    var captured = new ByteArrayOutputStream();
    var exitCode = new AtomicInteger(-1);
    try (var console = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      var options =
          new PerfTest.PerfTestOptions()
              .setConsoleOut(console)
              .setConsoleErr(console)
              .setArgumentLookup(name -> null)
              .setSystemExiter(
                  status -> {
                    exitCode.set(status);
                    if (status != 0) {
                      // Stops PerfTest there; it would otherwise carry on after a failed check.
                      throw new PerfTestExit(status);
                    }
                  });
      try {
        PerfTest.main(arguments.toArray(String[]::new), options);
      } catch (PerfTestExit e) {
        // The exit code below says it.
      }
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    if (exitCode.get() > 0) {
      throw new IllegalStateException(
          "PerfTest exited with " + exitCode.get() + "; its output:\n" + output);
    }
    return output;
  }

  private static String detail(String amqpUri, List<String> arguments) {
    String flags = String.join(" ", arguments).replace(amqpUri, redacted(amqpUri));
    return "PerfTest " + Version.VERSION + " in-process: " + flags;
  }

  /** The URI without its password, for a report that gets committed. */
  static String redacted(String amqpUri) {
    return amqpUri.replaceFirst("//([^:/@]+):[^@/]*@", "//$1:***@");
  }

  private static void deleteTopology(String amqpUri) {
    var factory = new ConnectionFactory();
    try {
      factory.setUri(amqpUri);
      try (var connection = factory.newConnection("tutti-bench-raw-cleanup");
          var channel = connection.createChannel()) {
        channel.queueDelete(QUEUE);
        channel.exchangeDelete(EXCHANGE);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not delete " + QUEUE + " on " + redacted(amqpUri), e);
    }
  }

  /** Carries PerfTest's non-zero exit out of its main method. */
  private static final class PerfTestExit extends RuntimeException {
    PerfTestExit(int status) {
      super("PerfTest exit " + status, null, false, false);
    }
  }
}
