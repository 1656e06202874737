package io.tutti.profiles.testing;

import io.tutti.events.testing.TuttiTestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads what profiles stored, straight from its test database. */
public final class Database {

  private Database() {}

  /** The first column of the first row of a query, or null. */
  public static Object single(String sql, Object... parameters) {
    List<Object> column = column(sql, parameters);
    return column.isEmpty() ? null : column.getFirst();
  }

  /** The first column of every row of a query. */
  public static List<Object> column(String sql, Object... parameters) {
    try (Connection db = connect();
        PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<Object> values = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getObject(1));
        }
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long count(String sql, Object... parameters) {
    return ((Number) single(sql, parameters)).longValue();
  }

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

  public static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://"
            + env("TUTTI_DB_HOST", "127.0.0.1")
            + ":"
            + env("TUTTI_DB_PORT", "5432")
            + "/"
            + TuttiTestInfrastructure.database(ProfilesTest.DATABASE),
        env("TUTTI_DB_USER", "tutti"),
        env("TUTTI_DB_PASSWORD", "tutti"));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
