package io.tutti.connectors.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.tutti.connectors.testing.ConnectorsTest;
import io.tutti.connectors.testing.Deliveries;
import io.tutti.connectors.testing.Inboxes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * With the database out of reach, a platform's webhook is answered 503 with {@code Retry-After},
 * which every platform retries, never a 500; the retry once the database is back is stored once.
 */
@QuarkusTest
@ConnectorsTest
@TestSecurity(user = "ada", roles = "admin")
@OidcSecurity(claims = @Claim(key = "workspace", value = "acme"))
class DatabaseOutageTest {

  @Test
  void aWebhookWhileTheDatabaseRefusesConnectionsIsAnswered503AndItsRetryIsStoredOnce()
      throws Exception {
    String account = String.valueOf(System.nanoTime());
    JsonPath inbox = Inboxes.instagram(account);
    String inboxId = inbox.getString("id");
    String path = Inboxes.webhookPath(inbox);
    byte[] body = dm(account);

    try (Connection db = Deliveries.connect();
        Statement sql = db.createStatement()) {
      String database = db.getCatalog();
      // As PostgreSQL restarting does: the service's connections end, and no new one is allowed.
      sql.execute("alter database \"" + database + "\" connection limit 0");
      try {
        sql.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname ="
                + " current_database() and pid <> pg_backend_pid()");

        Response refused = Inboxes.postMeta(path, body);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.jsonPath().getString("type"))
            .isEqualTo("urn:tutti:problem:service-unavailable");
      } finally {
        sql.execute("alter database \"" + database + "\" connection limit -1");
      }
    }

    assertThat(Inboxes.postMeta(path, body).statusCode()).isEqualTo(200);
    assertThat(Deliveries.count(inboxId)).isEqualTo(1);
  }

  private static byte[] dm(String account) {
    long now = System.currentTimeMillis();
    return ("{\"object\":\"instagram\",\"entry\":[{\"id\":\""
            + account
            + "\",\"time\":"
            + now
            + ",\"messaging\":[{\"sender\":{\"id\":\"customer-outage\"},\"recipient\":{\"id\":\""
            + account
            + "\"},\"timestamp\":"
            + now
            + ",\"message\":{\"mid\":\"db-outage-"
            + account
            + "\",\"text\":\"are you there?\"}}]}]}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
