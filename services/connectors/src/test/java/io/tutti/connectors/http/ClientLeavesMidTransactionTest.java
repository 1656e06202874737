package io.tutti.connectors.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tutti.events.testing.TuttiTestInfrastructure;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that leaves while its request's transaction runs (a platform timing out a webhook, the
 * gateway giving up) neither cuts the transaction short nor costs a pooled database connection: the
 * work commits, and the pool can serve as many requests afterwards as before.
 */
@QuarkusTest
@QuarkusTestResource(
    value = TuttiTestInfrastructure.class,
    initArgs = {
      @ResourceArg(name = "database", value = "tutti_connectors_test"),
      @ResourceArg(name = "vhost", value = "tutti-test-connectors")
    })
class ClientLeavesMidTransactionTest {

  /** More than the pool holds (TUTTI_DB_POOL_SIZE, 20): each one leaked would be felt. */
  private static final int CLIENTS = 25;

  @TestHTTPResource("/test/slow-transaction")
  URI slow;

  @Test
  void transactionsOfClientsThatLeftCommitAndGiveTheirConnectionsBack() throws Exception {
    int begunBefore = SlowTransactionResource.BEGUN.get();
    int committedBefore = SlowTransactionResource.COMMITTED.get();
    List<Socket> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      Socket client = new Socket(slow.getHost(), slow.getPort());
      OutputStream out = client.getOutputStream();
      out.write(
          ("GET " + slow.getPath() + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      clients.add(client);
    }
    // Every transaction the pool could start has begun; then every client leaves.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> SlowTransactionResource.BEGUN.get() - begunBefore >= 20);
    for (Socket client : clients) {
      client.close();
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(SlowTransactionResource.COMMITTED.get() - committedBefore)
                    .as("transactions committed after their clients left")
                    .isEqualTo(CLIENTS));
    // The whole pool is there again: as many requests at once as there were clients, all served.
    List<Thread> callers = new ArrayList<>();
    List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < CLIENTS; i++) {
      Thread caller = Thread.ofVirtual().start(() -> statuses.add(given().get(slow).statusCode()));
      callers.add(caller);
    }
    for (Thread caller : callers) {
      caller.join(Duration.ofSeconds(30));
    }
    assertThat(statuses).hasSize(CLIENTS).containsOnly(200);
  }
}
