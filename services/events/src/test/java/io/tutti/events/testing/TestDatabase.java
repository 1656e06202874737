package io.tutti.events.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A service test's own database, reached over plain JDBC for what no API shows: whether a row is
 * really gone, or time made to pass for one row.
 */
public final class TestDatabase {

  private final String name;

  private TestDatabase(String name) {
    this.name = TuttiTestInfrastructure.database(name);
  }

  /** The database a test class named (see {@link TuttiTestInfrastructure#database}). */
  public static TestDatabase of(String name) {
    return new TestDatabase(name);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://"
            + TuttiTestInfrastructure.env("TUTTI_DB_HOST", "127.0.0.1")
            + ":"
            + TuttiTestInfrastructure.env("TUTTI_DB_PORT", "5432")
            + "/"
            + name,
        TuttiTestInfrastructure.env("TUTTI_DB_USER", "tutti"),
        TuttiTestInfrastructure.env("TUTTI_DB_PASSWORD", "tutti"));
  }

  /** The first column of the first row of a query, or null. */
  public Object single(String sql, Object... parameters) {
    try (Connection db = connect();
        PreparedStatement statement = prepare(db, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? rows.getObject(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of every row of a query. */
  public java.util.List<Object> column(String sql, Object... parameters) {
    try (Connection db = connect();
        PreparedStatement statement = prepare(db, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      java.util.List<Object> values = new java.util.ArrayList<>();
      while (rows.next()) {
        values.add(rows.getObject(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public long count(String sql, Object... parameters) {
    return ((Number) single(sql, parameters)).longValue();
  }

  /** Runs one statement; answers the rows it changed. */
  public int update(String sql, Object... parameters) {
    try (Connection db = connect();
        PreparedStatement statement = prepare(db, sql, parameters)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PreparedStatement prepare(Connection db, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = db.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }
}
