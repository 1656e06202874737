package io.tutti.bench.raw;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PostgreSQL's ceiling for the write Tutti makes per message: one small row committed in its own
 * transaction, shaped like an outbox row, from a handful of connections at once (as a service's
 * connection pool would). Autocommit and the server's default {@code synchronous_commit}, so every
 * row waits for its WAL flush, as Tutti's transactions do.
 *
 * <p>Runs in its own database, {@code tutti_bench_raw}, so it never touches a service's tables; the
 * table is dropped afterwards, the database kept for the next run.
 */
public final class PostgresRaw {

  static final String DATABASE = "tutti_bench_raw";
  static final String TABLE = "raw_outbox";

  /** Connections a service's pool would typically keep busy. */
  public static final int DEFAULT_CONNECTIONS = 8;

  /** About the size of an outbox row's event: ids, a channel, a short text. */
  static final String PAYLOAD = payload(300);

  private PostgresRaw() {}

  /**
   * Where to connect, from {@code TUTTI_DB_HOST}, {@code TUTTI_DB_PORT}, {@code TUTTI_DB_USER} and
   * {@code TUTTI_DB_PASSWORD}, with the launcher's defaults.
   */
  public record Server(String host, int port, String user, String password) {

    /** The server {@code env} names, e.g. {@code System.getenv()}. */
    public static Server fromEnvironment(Map<String, String> env) {
      return new Server(
          env.getOrDefault("TUTTI_DB_HOST", "127.0.0.1"),
          Integer.parseInt(env.getOrDefault("TUTTI_DB_PORT", "5432")),
          env.getOrDefault("TUTTI_DB_USER", "tutti"),
          env.getOrDefault("TUTTI_DB_PASSWORD", "tutti"));
    }

    String url(String database) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
      return DriverManager.getConnection(url(database), user, password);
    }
  }

  /**
   * Inserts for {@code seconds} from {@link #DEFAULT_CONNECTIONS} connections to the server the
   * {@code TUTTI_DB_*} variables in {@code environment} name.
   */
  public static RawMeasurement measure(Map<String, String> environment, int seconds) {
    return measure(Server.fromEnvironment(environment), DEFAULT_CONNECTIONS, seconds);
  }

  /** Inserts from {@code connections} connections for {@code seconds}; returns committed rows/s. */
  public static RawMeasurement measure(Server server, int connections, int seconds) {
    try {
      createDatabaseIfMissing(server);
      try (var admin = server.connect(DATABASE);
          var statement = admin.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS " + TABLE);
        statement.execute(
            "CREATE TABLE "
                + TABLE
                + " (id uuid PRIMARY KEY, payload text NOT NULL, created_at timestamptz NOT NULL)");
        try {
          return insertFor(server, connections, seconds);
        } finally {
          statement.execute("DROP TABLE IF EXISTS " + TABLE);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL raw insert run failed on " + server.url(DATABASE), e);
    }
  }

  private static void createDatabaseIfMissing(Server server) throws SQLException {
    try (var connection = server.connect("postgres");
        var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (var rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (var create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE);
      }
    }
  }

  private static RawMeasurement insertFor(Server server, int connections, int seconds)
      throws SQLException {
    var opened = new ArrayList<Connection>();
    var executor = Executors.newFixedThreadPool(connections);
    try {
      for (int i = 0; i < connections; i++) {
        var connection = server.connect(DATABASE);
        connection.setAutoCommit(true);
        opened.add(connection);
      }
      // Every connection is open before the clock starts, so connecting is not counted.
      var start = new CountDownLatch(1);
      var workers = new ArrayList<Future<Long>>();
      var deadline = new AtomicLong();
      for (var connection : opened) {
        workers.add(executor.submit(() -> insertUntil(connection, start, deadline)));
      }
      long startedAt = System.nanoTime();
      deadline.set(startedAt + seconds * 1_000_000_000L);
      start.countDown();
      long rows = 0;
      for (var worker : workers) {
        rows += worker.get();
      }
      double elapsed = (System.nanoTime() - startedAt) / 1e9;
      double perSecond = rows / elapsed;
      return new RawMeasurement(
          perSecond,
          String.format(
              Locale.ROOT,
              "JDBC, %d connections, one INSERT per transaction (autocommit, server-default"
                  + " synchronous_commit) of (uuid, %d-byte text, timestamptz) into %s.%s for %d s:"
                  + " %,d rows in %.1f s",
              connections,
              PAYLOAD.length(),
              DATABASE,
              TABLE,
              seconds,
              rows,
              elapsed));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while inserting", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("an inserting connection failed", e.getCause());
    } finally {
      executor.shutdownNow();
      for (var connection : opened) {
        connection.close();
      }
    }
  }

  private static long insertUntil(Connection connection, CountDownLatch start, AtomicLong deadline)
      throws SQLException, InterruptedException {
    start.await();
    long until = deadline.get();
    long rows = 0;
    try (var insert =
        connection.prepareStatement(
            "INSERT INTO " + TABLE + " (id, payload, created_at) VALUES (?, ?, ?)")) {
      while (System.nanoTime() < until) {
        insert.setObject(1, UUID.randomUUID());
        insert.setString(2, PAYLOAD);
        insert.setTimestamp(3, Timestamp.from(Instant.now()));
        insert.executeUpdate();
        rows++;
      }
    }
    return rows;
  }

  private static String payload(int bytes) {
    String event =
        "{\"type\":\"message.received\",\"workspace\":\"globex\",\"channel\":\"whatsapp\","
            + "\"conversation\":\"7d2f0c6e-1b5a-4c1e-9a57-3f0e2b8d9c41\",\"text\":\"";
    var text = new StringBuilder(event);
    while (text.length() < bytes - 2) {
      text.append("hello, is my order on its way? ");
    }
    text.setLength(bytes - 2);
    return text.append("\"}").toString();
  }
}
