package io.tutti.profiles.testing;

import io.tutti.events.testing.TestDatabase;
import java.util.List;

/** Reads what profiles stored, straight from its test database. */
public final class Database {

  private static final TestDatabase DATABASE = TestDatabase.of(ProfilesTest.DATABASE);

  private Database() {}

  /** The first column of the first row of a query, or null. */
  public static Object single(String sql, Object... parameters) {
    return DATABASE.single(sql, parameters);
  }

  /** The first column of every row of a query. */
  public static List<Object> column(String sql, Object... parameters) {
    return DATABASE.column(sql, parameters);
  }

  public static long count(String sql, Object... parameters) {
    return DATABASE.count(sql, parameters);
  }

  public static int update(String sql, Object... parameters) {
    return DATABASE.update(sql, parameters);
  }
}
