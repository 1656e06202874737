package io.tutti.connectors.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Whether an inbox's platform still takes its credentials. A refused token marks the inbox
 * unhealthy, which admins see in {@code GET /api/inboxes} before customers notice the silence; the
 * next accepted send, or new credentials, marks it healthy again.
 */
@ApplicationScoped
public class InboxHealth {

  public static final String HEALTHY = "healthy";
  public static final String UNHEALTHY = "unhealthy";

  private static final Logger LOG = Logger.getLogger(InboxHealth.class);

  /** Marks the inbox unhealthy in the current transaction, keeping the first time it broke. */
  public Uni<Void> unhealthy(UUID inboxId, String reason) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "update inbox set health = 'unhealthy', health_reason = :reason,"
                            + " health_changed_at = case when health = 'unhealthy' then"
                            + " health_changed_at else :now end where id = :id")
                    .setParameter("reason", truncate(reason))
                    .setParameter("now", Instant.now())
                    .setParameter("id", inboxId)
                    .executeUpdate())
        .invoke(() -> LOG.warnf("inbox %s is unhealthy: %s", inboxId, reason))
        .replaceWithVoid();
  }

  /** Marks the inbox healthy in the current transaction, if it was not. */
  public Uni<Void> healthy(UUID inboxId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "update inbox set health = 'healthy', health_reason = null,"
                            + " health_changed_at = :now where id = :id and health <> 'healthy'")
                    .setParameter("now", Instant.now())
                    .setParameter("id", inboxId)
                    .executeUpdate())
        .invoke(
            changed -> {
              if (changed > 0) {
                LOG.infof("inbox %s is healthy again", inboxId);
              }
            })
        .replaceWithVoid();
  }

  private static String truncate(String reason) {
    if (reason == null) {
      return null;
    }
    return reason.length() > 2000 ? reason.substring(0, 2000) : reason;
  }
}
