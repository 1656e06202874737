package io.tutti.conversations.testing;

import io.tutti.events.testing.TuttiTestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Reaches into the test database for what no API does: making time pass for one conversation (a
 * resolution a day ago) without waiting a day.
 */
public final class Database {

  private Database() {}

  /** Runs one statement with the given parameters; answers the rows it changed. */
  public static int update(String sql, Object... parameters) {
    try (Connection db = connect();
        PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of the first row of a query, or null. */
  public static Object single(String sql, Object... parameters) {
    try (Connection db = connect();
        PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (var rows = statement.executeQuery()) {
        return rows.next() ? rows.getObject(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://"
            + env("TUTTI_DB_HOST", "127.0.0.1")
            + ":"
            + env("TUTTI_DB_PORT", "5432")
            + "/"
            + TuttiTestInfrastructure.database(ConversationsTest.DATABASE),
        env("TUTTI_DB_USER", "tutti"),
        env("TUTTI_DB_PASSWORD", "tutti"));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
