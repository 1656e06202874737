package io.tutti.conversations.testing;

import io.tutti.events.testing.TestDatabase;

/**
 * Reaches into the test database for what no API does: making time pass for one conversation (a
 * resolution a day ago) without waiting a day, or seeing that a row is gone.
 */
public final class Database {

  private static final TestDatabase DATABASE = TestDatabase.of(ConversationsTest.DATABASE);

  private Database() {}

  /** Runs one statement with the given parameters; answers the rows it changed. */
  public static int update(String sql, Object... parameters) {
    return DATABASE.update(sql, parameters);
  }

  /** The first column of the first row of a query, or null. */
  public static Object single(String sql, Object... parameters) {
    return DATABASE.single(sql, parameters);
  }
}
