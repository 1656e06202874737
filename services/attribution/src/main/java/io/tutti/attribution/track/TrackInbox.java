package io.tutti.attribution.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where accepted tracking calls wait for the processor: a single insert through the pool, so {@code
 * /track} answers once the call is durable and nothing accepted is lost.
 */
@ApplicationScoped
public class TrackInbox {

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Pool pool;
  private final TrackProcessor processor;

  public TrackInbox(Pool pool, TrackProcessor processor) {
    this.pool = pool;
    this.processor = processor;
  }

  public Uni<Void> accept(String workspaceId, TrackEvent event) {
    String body;
    try {
      body = JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a track event did not serialise", e);
    }
    return pool.preparedQuery(
            "insert into track_inbox (workspace_id, body) values ($1, cast(cast($2 as text) as"
                + " jsonb))")
        .execute(Tuple.of(workspaceId, body))
        .invoke(processor::kick)
        .replaceWithVoid();
  }
}
