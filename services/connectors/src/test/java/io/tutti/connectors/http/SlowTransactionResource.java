package io.tutti.connectors.http;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tutti.web.http.RunsToCompletion;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A request whose transaction takes a second, counting those begun and those committed. */
@RunsToCompletion
@Path("/test/slow-transaction")
public class SlowTransactionResource {

  static final AtomicInteger BEGUN = new AtomicInteger();
  static final AtomicInteger COMMITTED = new AtomicInteger();

  @GET
  public Uni<String> run() {
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .invoke(BEGUN::incrementAndGet)
                    .chain(
                        session ->
                            session
                                .createNativeQuery("select pg_sleep(1)")
                                .getSingleResultOrNull()))
        .invoke(COMMITTED::incrementAndGet)
        .map(ignored -> "done");
  }
}
