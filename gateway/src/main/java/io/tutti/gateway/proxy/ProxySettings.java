package io.tutti.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.web.problem.Problem;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/**
 * What every {@link ProxyExchange} shares.
 *
 * @param client for plain requests
 * @param tunnels for WebSockets and other upgrades, whose connections stay taken for as long as
 *     they are open: a pool of their own, so open chat widgets never starve webhooks of connections
 * @param serverSendsContinue Quarkus' HTTP server already answers {@code Expect: 100-continue}
 */
record ProxySettings(
    Vertx vertx,
    HttpClient client,
    HttpClient tunnels,
    Duration connectTimeout,
    Duration responseTimeout,
    long maxBodySize,
    boolean serverSendsContinue,
    ObjectMapper mapper,
    int retries,
    Map<String, CircuitBreaker> breakers) {

  /** The circuit breaker of a service; one per service, shared by its routes. */
  CircuitBreaker breaker(Upstream service) {
    return breakers.get(service.name());
  }

  Buffer json(Problem problem) {
    try {
      return Buffer.buffer(mapper.writeValueAsBytes(problem));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A problem record always serialises", e);
    }
  }
}
