package io.tutti.events.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Gives a test module its own PostgreSQL database and RabbitMQ virtual host on the real local
 * servers, so that service tests never see the running system's data or events, nor each other's.
 *
 * <p>Init args: {@code vhost}, and {@code database} for a service that has one. Servers come from
 * the same {@code TUTTI_DB_*} and {@code TUTTI_RABBITMQ_*} variables the services read. The virtual
 * host is created with {@code rabbitmqctl} when it is on the PATH, else through the management API
 * ({@code TUTTI_RABBITMQ_MANAGEMENT_URL}).
 */
public class TuttiTestInfrastructure implements QuarkusTestResourceLifecycleManager {

  private String database;
  private String vhost;

  @Override
  public void init(Map<String, String> initArgs) {
    String db = initArgs.get("database");
    database = db == null || db.isBlank() ? null : database(db);
    vhost = vhost(require(initArgs, "vhost"));
  }

  /**
   * The database a test class named actually uses: with {@code TUTTI_TEST_NAMESPACE} set, two
   * checkouts can run the same tests at once without sharing data.
   */
  public static String database(String name) {
    String namespace = env("TUTTI_TEST_NAMESPACE", "");
    return namespace.isBlank() ? name : name + "_" + namespace.replaceAll("[^a-z0-9]", "_");
  }

  /** The vhost a test class named actually uses; see {@link #database(String)}. */
  public static String vhost(String name) {
    String namespace = env("TUTTI_TEST_NAMESPACE", "");
    return namespace.isBlank() ? name : name + "-" + namespace;
  }

  @Override
  public Map<String, String> start() {
    createVhost(vhost);
    Map<String, String> config = new HashMap<>();
    config.put("rabbitmq-virtual-host", vhost);
    if (database != null) {
      createDatabase(database);
      String hostPort = env("TUTTI_DB_HOST", "127.0.0.1") + ":" + env("TUTTI_DB_PORT", "5432");
      config.put("quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + database);
      config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/" + database);
    }
    return config;
  }

  @Override
  public void stop() {}

  static void createDatabase(String name) {
    String url =
        "jdbc:postgresql://"
            + env("TUTTI_DB_HOST", "127.0.0.1")
            + ":"
            + env("TUTTI_DB_PORT", "5432")
            + "/postgres";
    try (Connection connection =
            DriverManager.getConnection(
                url, env("TUTTI_DB_USER", "tutti"), env("TUTTI_DB_PASSWORD", "tutti"));
        var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, name);
      if (!exists.executeQuery().next()) {
        try (var create = connection.createStatement()) {
          create.execute("create database \"" + name.replace("\"", "") + "\"");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create test database "
              + name
              + " at "
              + url
              + " (is PostgreSQL running? `./tutti infra` starts it): "
              + e.getMessage(),
          e);
    }
  }

  static void createVhost(String name) {
    if (createVhostWithRabbitmqctl(name)) {
      return;
    }
    String management = env("TUTTI_RABBITMQ_MANAGEMENT_URL", "http://127.0.0.1:15672");
    String user = env("TUTTI_RABBITMQ_USER", "guest");
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (user + ":" + env("TUTTI_RABBITMQ_PASSWORD", "guest"))
                        .getBytes(StandardCharsets.UTF_8));
    String encoded = java.net.URLEncoder.encode(name, StandardCharsets.UTF_8);
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      send(http, management + "/api/vhosts/" + encoded, "{}", auth);
      send(
          http,
          management + "/api/permissions/" + encoded + "/" + user,
          "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}",
          auth);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot create RabbitMQ virtual host "
              + name
              + ": no rabbitmqctl here and no management API at "
              + management,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean createVhostWithRabbitmqctl(String name) {
    String user = env("TUTTI_RABBITMQ_USER", "guest");
    List<List<String>> commands =
        List.of(
            List.of("rabbitmqctl", "-q", "add_vhost", name),
            List.of("rabbitmqctl", "-q", "set_permissions", "-p", name, user, ".*", ".*", ".*"));
    try {
      for (List<String> command : commands) {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return false;
        }
        if (process.exitValue() != 0 && !output.contains("already exists")) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void send(HttpClient http, String url, String body, String auth)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static String require(Map<String, String> args, String name) {
    String value = args.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          TuttiTestInfrastructure.class.getSimpleName() + " needs init arg " + name);
    }
    return value;
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
