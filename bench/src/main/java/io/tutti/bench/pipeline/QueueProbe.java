package io.tutti.bench.pipeline;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * How far behind the pipeline is: messages waiting in the services' queues (ready or unacked, read
 * with passive declares; the queue names come from the services' own configuration), what the
 * dead-letter queues hold, and events committed but not yet published from each outbox.
 */
final class QueueProbe implements AutoCloseable {

  private static final List<String> DATABASES =
      List.of("tutti_connectors", "tutti_conversations", "tutti_profiles", "tutti_attribution");

  private final Connection connection;
  private final List<String> queues;
  private final List<String> deadLetterQueues;
  private final List<java.sql.Connection> databases = new ArrayList<>();
  private Channel channel;

  /** A moment's backlog: ready messages only (a consumer's unacked prefetch is not counted). */
  record Depth(long queued, long deadLettered, long outboxUnpublished) {}

  QueueProbe(Path repoRoot, Env env) throws IOException {
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
    try {
      connection = factory.newConnection("tutti-bench-probe");
      for (String database : DATABASES) {
        databases.add(
            DriverManager.getConnection(
                "jdbc:postgresql://"
                    + env.get("TUTTI_DB_HOST", "127.0.0.1")
                    + ":"
                    + env.get("TUTTI_DB_PORT", "5432")
                    + "/"
                    + database,
                env.get("TUTTI_DB_USER", "tutti"),
                env.get("TUTTI_DB_PASSWORD", "tutti")));
      }
    } catch (java.util.concurrent.TimeoutException | SQLException e) {
      throw new IOException(e);
    }
  }

  List<String> queues() {
    return queues;
  }

  synchronized Depth sample() {
    return new Depth(sum(queues), sum(deadLetterQueues), outbox());
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
      } catch (IOException e) {
        // A queue not declared (yet): nothing waits in it. The failed passive declare closed the
        // channel; the next name opens another.
        channel = null;
      }
    }
    return total;
  }

  private long outbox() {
    long total = 0;
    for (java.sql.Connection database : databases) {
      try (Statement statement = database.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "select count(*) from outbox_event where published_at is null")) {
        rows.next();
        total += rows.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException("outbox backlog: " + e.getMessage(), e);
      }
    }
    return total;
  }

  /** Customer messages of this run the conversations store holds, and how many twice. */
  long[] stored(long run) {
    try (Statement statement = databases.get(1).createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select count(*), count(*) - count(distinct text) from message"
                    + " where workspace_id = '"
                    + BenchSetup.WORKSPACE
                    + "' and direction = 'in' and text like 'bench-"
                    + run
                    + "-%'")) {
      rows.next();
      return new long[] {rows.getLong(1), rows.getLong(2)};
    } catch (SQLException e) {
      throw new IllegalStateException("stored messages: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    connection.close();
    for (java.sql.Connection database : databases) {
      try {
        database.close();
      } catch (SQLException e) {
        // closing anyway
      }
    }
  }
}
