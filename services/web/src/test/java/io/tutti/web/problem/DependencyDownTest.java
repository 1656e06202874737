package io.tutti.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DependencyDownTest {

  @Test
  void aDatabaseThatRefusesOrDropsConnectionsIsDown() {
    // How Hibernate Reactive hands them up: its exception, around the SQL state PostgreSQL sent.
    assertThat(DependencyDown.isCause(wrapped(new ConnectException("Connection refused"))))
        .isTrue();
    assertThat(DependencyDown.isCause(wrapped(new SQLException("terminating", "57P01")))).isTrue();
    assertThat(DependencyDown.isCause(wrapped(new SQLException("starting up", "57P03")))).isTrue();
    assertThat(DependencyDown.isCause(wrapped(new SQLException("too many clients", "53300"))))
        .isTrue();
    assertThat(DependencyDown.isCause(wrapped(new SQLException("link failure", "08006")))).isTrue();
  }

  @Test
  void theSqlClientsOwnErrorCountsToo() {
    // A connection PostgreSQL refuses fails before Hibernate sees it, as the client's exception.
    assertThat(DependencyDown.isCause(wrapped(new ClientError("too many connections", "53300"))))
        .isTrue();
    assertThat(DependencyDown.isCause(wrapped(new ClientError("duplicate key", "23505"))))
        .isFalse();
  }

  /** Like io.vertx.pgclient.PgException. */
  private static final class ClientError extends io.vertx.sqlclient.DatabaseException {
    ClientError(String message, String sqlState) {
      super(message, 0, sqlState);
    }
  }

  @Test
  void anyOtherFailureIsOurs() {
    assertThat(DependencyDown.isCause(wrapped(new SQLException("duplicate key", "23505"))))
        .isFalse();
    assertThat(DependencyDown.isCause(wrapped(new SQLException("no state")))).isFalse();
    assertThat(DependencyDown.isCause(new IllegalStateException("bug"))).isFalse();
    assertThat(DependencyDown.isCause(new NullPointerException())).isFalse();
  }

  @Test
  void aCauseChainThatLoopsEnds() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);

    assertThat(DependencyDown.isCause(second)).isFalse();
  }

  private static Throwable wrapped(Throwable cause) {
    return new CompletionException(new RuntimeException("could not execute statement", cause));
  }
}
