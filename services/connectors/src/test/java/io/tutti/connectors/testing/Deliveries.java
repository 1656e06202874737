package io.tutti.connectors.testing;

import io.tutti.events.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads what connectors stored, straight from its test database. */
public final class Deliveries {

  /** One stored delivery, as the tests look at it. */
  public record Stored(
      String contentType, byte[] body, int events, int duplicates, String ignored) {}

  private Deliveries() {}

  /** Every raw delivery stored for an inbox, oldest first. */
  public static List<Stored> of(String inboxId) {
    try (Connection db = connect();
        PreparedStatement query =
            db.prepareStatement(
                "select content_type, body, events, duplicates, ignored from webhook_delivery"
                    + " where inbox_id = ? order by received_at, id")) {
      query.setObject(1, UUID.fromString(inboxId));
      List<Stored> stored = new ArrayList<>();
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          stored.add(
              new Stored(
                  row.getString(1),
                  row.getBytes(2),
                  row.getInt(3),
                  row.getInt(4),
                  row.getString(5)));
        }
      }
      return stored;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many raw deliveries are stored for an inbox. */
  public static long count(String inboxId) {
    try (Connection db = connect();
        PreparedStatement query =
            db.prepareStatement("select count(*) from webhook_delivery where inbox_id = ?")) {
      query.setObject(1, UUID.fromString(inboxId));
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Connection connect() throws SQLException {
    return TestDatabase.of(ConnectorsTest.DATABASE).connect();
  }
}
