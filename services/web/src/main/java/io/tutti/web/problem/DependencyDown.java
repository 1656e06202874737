package io.tutti.web.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Whether a request failed because something it needs is down (the database restarting, refusing
 * connections or closing them), not because of the request or our code: then the answer is a 503
 * that says to come back, and a platform delivering a webhook retries it instead of counting a
 * server error.
 */
final class DependencyDown {

  /** PostgreSQL shutting down, starting up or out of connection slots (SQL state class 08 too). */
  private static final Set<String> SQL_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  /** What the reactive SQL client fails a query with when its connection went away. */
  private static final String CLOSED_CONNECTION = "io.vertx.sqlclient.ClosedConnectionException";

  /**
   * What it fails with when PostgreSQL answered an error, before Hibernate turns it into a {@link
   * SQLException} (a refused connection never gets that far). Read by name: the gateway, which
   * shares this module, has no SQL client.
   */
  private static final String DATABASE_EXCEPTION = "io.vertx.sqlclient.DatabaseException";

  private static final int MAX_DEPTH = 20;

  private DependencyDown() {}

  static boolean isCause(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
      if (cause instanceof ConnectException
          || cause.getClass().getName().equals(CLOSED_CONNECTION)
          || cause instanceof SQLException sql && isUnavailable(sql.getSQLState())
          || isUnavailable(clientSqlState(cause))) {
        return true;
      }
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    return false;
  }

  private static String clientSqlState(Throwable failure) {
    for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
      if (type.getName().equals(DATABASE_EXCEPTION)) {
        try {
          return (String) type.getMethod("getSqlState").invoke(failure);
        } catch (ReflectiveOperationException | ClassCastException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static boolean isUnavailable(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || SQL_STATES.contains(sqlState));
  }
}
