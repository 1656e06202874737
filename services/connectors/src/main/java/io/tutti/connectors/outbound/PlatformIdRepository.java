package io.tutti.connectors.outbound;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The platform ids our replies became, so a receipt naming one finds the message it is for. */
@ApplicationScoped
public class PlatformIdRepository {

  public Uni<Void> add(UUID inboxId, String platformMessageId, UUID outboundId, int part) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into outbound_platform_id (inbox_id, platform_message_id,"
                            + " outbound_id, part) values (:inbox, :platform, :outbound, :part) on"
                            + " conflict do nothing")
                    .setParameter("inbox", inboxId)
                    .setParameter("platform", platformMessageId)
                    .setParameter("outbound", outboundId)
                    .setParameter("part", part)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** Our message id for a platform id of this inbox, or null when we did not send it. */
  public Uni<String> messageIdOf(UUID inboxId, String platformMessageId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .<String>createNativeQuery(
                        "select m.message_id from outbound_platform_id p join outbound_message m on"
                            + " m.id = p.outbound_id where p.inbox_id = :inbox and"
                            + " p.platform_message_id = :platform")
                    .setParameter("inbox", inboxId)
                    .setParameter("platform", platformMessageId)
                    .getResultList())
        .map(ids -> ids.isEmpty() ? null : ids.getFirst());
  }

  /** The platform ids of a reply's parts, first part first. */
  public Uni<List<String>> of(UUID outboundId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .<String>createNativeQuery(
                        "select platform_message_id from outbound_platform_id where outbound_id ="
                            + " :outbound order by part")
                    .setParameter("outbound", outboundId)
                    .getResultList());
  }
}
