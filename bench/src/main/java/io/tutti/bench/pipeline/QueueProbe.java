package io.tutti.bench.pipeline;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * How far behind the pipeline is: messages waiting in the services' queues (ready or unacked, read
 * with passive declares; the queue names come from the services' own configuration), what the
 * dead-letter queues hold, and events committed but not yet published from each outbox. Survives a
 * restart of either server: the broker connection recovers on its own, a broken database connection
 * is opened again at the next question.
 */
final class QueueProbe implements AutoCloseable {

  private static final List<String> DATABASES =
      List.of("tutti_connectors", "tutti_conversations", "tutti_profiles", "tutti_attribution");

  private final Env env;
  private final Connection connection;
  private final List<String> queues;
  private final List<String> deadLetterQueues;
  private final Map<String, java.sql.Connection> databases = new HashMap<>();
  private Channel channel;

  /** A moment's backlog: ready messages only (a consumer's unacked prefetch is not counted). */
  record Depth(long queued, long deadLettered, long outboxUnpublished) {}

  /** What one dead-letter queue holds: how many, and what the first of them is and why it died. */
  record DeadLetters(String queue, long count, String first) {}

  QueueProbe(Path repoRoot, Env env) throws IOException {
    this.env = env;
    TreeSet<String> names = new TreeSet<>();
    for (String service : List.of("connectors", "conversations", "profiles", "attribution")) {
      Properties properties = new Properties();
      try (Reader reader =
          Files.newBufferedReader(
              repoRoot.resolve(
                  "services/" + service + "/src/main/resources/application.properties"))) {
        properties.load(reader);
      }
      for (String key : properties.stringPropertyNames()) {
        if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".queue.name")) {
          names.add(properties.getProperty(key));
        }
      }
    }
    queues = names.stream().filter(name -> !name.endsWith(".dlq")).toList();
    TreeSet<String> dead = new TreeSet<>();
    names.forEach(name -> dead.add(name.endsWith(".dlq") ? name : name + ".dlq"));
    deadLetterQueues = List.copyOf(dead);
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(env.get("TUTTI_RABBITMQ_HOST", "127.0.0.1"));
    factory.setPort(Integer.parseInt(env.get("TUTTI_RABBITMQ_PORT", "5672")));
    factory.setUsername(env.get("TUTTI_RABBITMQ_USER", "guest"));
    factory.setPassword(env.get("TUTTI_RABBITMQ_PASSWORD", "guest"));
    factory.setVirtualHost(env.get("TUTTI_RABBITMQ_VHOST", "/"));
    factory.setAutomaticRecoveryEnabled(true);
    factory.setNetworkRecoveryInterval(1000);
    try {
      connection = factory.newConnection("tutti-bench-probe");
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException(e);
    }
  }

  List<String> queues() {
    return queues;
  }

  synchronized Depth sample() {
    return new Depth(sum(queues), sum(deadLetterQueues), outbox());
  }

  /** Messages in each dead-letter queue that holds any, in queue order. */
  synchronized Map<String, Long> deadLetterCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String name : deadLetterQueues) {
      long count = sum(List.of(name));
      if (count > 0) {
        counts.put(name, count);
      }
    }
    return counts;
  }

  /**
   * The dead-letter queues that hold more now than in {@code before}, each with its first message
   * described (routing key, why it died, its event id), looked at without taking it away.
   */
  synchronized List<DeadLetters> deadLettersSince(Map<String, Long> before) {
    List<DeadLetters> grown = new ArrayList<>();
    deadLetterCounts()
        .forEach(
            (queue, count) -> {
              long added = count - before.getOrDefault(queue, 0L);
              if (added > 0) {
                grown.add(new DeadLetters(queue, added, firstOf(queue)));
              }
            });
    return grown;
  }

  private String firstOf(String queue) {
    try (Channel peek = connection.createChannel()) {
      GetResponse message = peek.basicGet(queue, false);
      if (message == null) {
        return "";
      }
      var properties = message.getProps();
      Object death =
          properties.getHeaders() == null
              ? null
              : properties.getHeaders().get("x-first-death-reason");
      String described =
          "routing key "
              + message.getEnvelope().getRoutingKey()
              + ", died: "
              + (death == null ? "?" : death)
              + ", message id "
              + properties.getMessageId();
      // Closing the channel unacked puts the message back.
      return described;
    } catch (IOException | java.util.concurrent.TimeoutException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  private long sum(List<String> names) {
    long total = 0;
    for (String name : names) {
      try {
        if (channel == null || !channel.isOpen()) {
          channel = connection.createChannel();
        }
        var ok = channel.queueDeclarePassive(name);
        total += ok.getMessageCount();
      } catch (IOException | RuntimeException e) {
        // A queue not declared (yet), or the broker away: nothing counted. The failed passive
        // declare closed the channel; the next name opens another.
        channel = null;
      }
    }
    return total;
  }

  /**
   * Events of every outbox committed more than {@code olderThan} ago and still not published:
   * stuck, where a younger one may just be on its way (a service's own timers add events at any
   * moment).
   */
  synchronized long outboxStuck(java.time.Duration olderThan) {
    long total = 0;
    for (String database : DATABASES) {
      total +=
          query(
              database,
              "select count(*) from outbox_event where published_at is null and created_at < now()"
                  + " - make_interval(secs => "
                  + olderThan.toSeconds()
                  + ")",
              rows -> {
                rows.next();
                return rows.getLong(1);
              });
    }
    return total;
  }

  private long outbox() {
    long total = 0;
    for (String database : DATABASES) {
      total +=
          query(
              database,
              "select count(*) from outbox_event where published_at is null",
              rows -> {
                rows.next();
                return rows.getLong(1);
              });
    }
    return total;
  }

  /** Customer messages of this run the conversations store holds, and how many twice. */
  synchronized long[] stored(long run) {
    return query(
        "tutti_conversations",
        "select count(*), count(*) - count(distinct text) from message"
            + " where workspace_id = '"
            + BenchSetup.WORKSPACE
            + "' and direction = 'in' and text like 'bench-"
            + run
            + "-%'",
        rows -> {
          rows.next();
          return new long[] {rows.getLong(1), rows.getLong(2)};
        });
  }

  /** How many times the conversations store holds each message of this run, by sequence number. */
  synchronized Map<Integer, Integer> storedBySeq(long run) {
    String prefix = "bench-" + run + "-";
    return query(
        "tutti_conversations",
        "select split_part(text, ' ', 1), count(*) from message where workspace_id = '"
            + BenchSetup.WORKSPACE
            + "' and direction = 'in' and text like '"
            + prefix
            + "%' group by 1",
        rows -> {
          Map<Integer, Integer> counts = new HashMap<>();
          while (rows.next()) {
            String marker = rows.getString(1);
            counts.put(Integer.parseInt(marker.substring(prefix.length())), rows.getInt(2));
          }
          return counts;
        });
  }

  private interface Rows<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** Runs a query on one service database, opening the connection again once if it broke. */
  private <T> T query(String database, String sql, Rows<T> reader) {
    SQLException last = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      try (Statement statement = database(database).createStatement();
          ResultSet rows = statement.executeQuery(sql)) {
        return reader.read(rows);
      } catch (SQLException e) {
        last = e;
        java.sql.Connection broken = databases.remove(database);
        if (broken != null) {
          try {
            broken.close();
          } catch (SQLException ignored) {
            // it is broken already
          }
        }
      }
    }
    throw new IllegalStateException(database + ": " + last.getMessage(), last);
  }

  private java.sql.Connection database(String name) throws SQLException {
    java.sql.Connection open = databases.get(name);
    if (open == null) {
      open =
          DriverManager.getConnection(
              "jdbc:postgresql://"
                  + env.get("TUTTI_DB_HOST", "127.0.0.1")
                  + ":"
                  + env.get("TUTTI_DB_PORT", "5432")
                  + "/"
                  + name,
              env.get("TUTTI_DB_USER", "tutti"),
              env.get("TUTTI_DB_PASSWORD", "tutti"));
      databases.put(name, open);
    }
    return open;
  }

  @Override
  public synchronized void close() throws IOException {
    connection.close();
    for (java.sql.Connection database : databases.values()) {
      try {
        database.close();
      } catch (SQLException e) {
        // closing anyway
      }
    }
  }
}
