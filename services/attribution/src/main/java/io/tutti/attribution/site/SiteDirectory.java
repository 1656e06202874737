package io.tutti.attribution.site;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which workspace a public site key belongs to, for every {@code /track} call: read straight from
 * the pool (no ORM session on the hot path) and kept for a short while, unknown keys too.
 */
@ApplicationScoped
public class SiteDirectory {

  private static final long KEEP_MILLIS = 30_000;
  private static final long KEEP_UNKNOWN_MILLIS = 2_000;
  private static final int MAX_ENTRIES = 10_000;

  private final Pool pool;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(Optional<String> workspaceId, long until) {}

  public SiteDirectory(Pool pool) {
    this.pool = pool;
  }

  /** The workspace of the site key, empty when no site has it. */
  public Uni<Optional<String>> workspaceOf(String siteKey) {
    long now = System.currentTimeMillis();
    Entry entry = cache.get(siteKey);
    if (entry != null && entry.until() > now) {
      return Uni.createFrom().item(entry.workspaceId());
    }
    return pool.preparedQuery("select workspace_id from site where site_key = $1")
        .execute(Tuple.of(siteKey))
        .map(
            rows -> {
              Iterator<Row> found = rows.iterator();
              Optional<String> workspace =
                  found.hasNext() ? Optional.of(found.next().getString(0)) : Optional.empty();
              if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
              }
              cache.put(
                  siteKey,
                  new Entry(
                      workspace,
                      now + (workspace.isPresent() ? KEEP_MILLIS : KEEP_UNKNOWN_MILLIS)));
              return workspace;
            });
  }

  /** Forgets what is known of a key, after it was added or removed here. */
  public void forget(String siteKey) {
    cache.remove(siteKey);
  }
}
