package io.tutti.profiles.identity;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Transaction-scoped PostgreSQL advisory locks: two replicas resolving the first messages of one
 * phone number on WhatsApp and on SMS at the same moment must not create two contacts.
 */
@ApplicationScoped
public class Locks {

  /** Holds a lock on the workspace's key until the current transaction ends. */
  public Uni<Void> lock(String workspaceId, String key) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select count(*) from (select pg_advisory_xact_lock(hashtextextended(?1,"
                            + " 0))) held")
                    .setParameter(1, workspaceId + "|" + key)
                    .getSingleResult())
        .replaceWithVoid();
  }
}
