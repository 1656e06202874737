package io.tutti.connectors.privacy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.events.EventEnvelope;
import io.tutti.events.consumer.IdempotentConsumer;
import io.tutti.events.type.ContactErased;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Follows profiles' {@code contact.erased}. Connectors knows people only by their platform ids,
 * which the event lists ({@code channel:externalId}): for each, in the workspace's inboxes of that
 * channel, it deletes the raw webhook deliveries that carry the id, their deduplication keys, the
 * replies sent to the person (with their platform ids and dead letters), the messaging window and,
 * for an email address, the files its emails brought.
 */
@ApplicationScoped
public class ContactErasure {

  static final String CONSUMER = "connectors.contact-erased";
  private static final Logger LOG = Logger.getLogger(ContactErasure.class);

  /** The workspace's inboxes of one channel. */
  private static final String INBOXES =
      "select id from inbox where workspace_id = :workspace and channel = :channel";

  private static final List<String> STATEMENTS =
      List.of(
          // Raw deliveries are kept for audit and replay; one that carries the person goes. Bodies
          // are bytes in any encoding: compared as escaped text, case-insensitively (email
          // addresses arrive in any case).
          "delete from webhook_delivery where inbox_id in ("
              + INBOXES
              + ") and position(lower(:external) in lower(encode(body, 'escape'))) > 0",
          // The keys that are made from the person's id (email sender, Telegram chat, web visitor).
          "delete from inbound_key where inbox_id in ("
              + INBOXES
              + ") and (key like :prefix escape '!' or key like 'edit:' || :prefix escape '!')",
          "delete from contact_window where inbox_id in ("
              + INBOXES
              + ") and external_contact_id = :external",
          "delete from dead_letter where workspace_id = :workspace and channel = :channel and"
              + " position(:external in coalesce(envelope, '')) > 0",
          // Their platform ids and delivery dead letters go with them (on delete cascade).
          "delete from outbound_message where workspace_id = :workspace and channel = :channel and"
              + " recipient = :external",
          "delete from email_attachment where workspace_id = :workspace and :channel = 'email' and"
              + " sender = :external");

  private final IdempotentConsumer consumer;

  public ContactErasure(IdempotentConsumer consumer) {
    this.consumer = consumer;
  }

  @Incoming("contact-erased")
  public Uni<Void> onErased(Message<?> message) {
    return consumer.handle(CONSUMER, message, this::erase);
  }

  Uni<Void> erase(EventEnvelope event) {
    if (!(event.payload() instanceof ContactErased erased) || erased.identities() == null) {
      return Uni.createFrom().voidItem();
    }
    return Multi.createFrom()
        .iterable(erased.identities())
        .map(ContactErasure::split)
        .filter(identity -> identity != null)
        .onItem()
        .transformToUniAndConcatenate(identity -> erase(event.workspaceId(), identity))
        .collect()
        .with(java.util.stream.Collectors.summingInt(Integer::intValue))
        .invoke(
            rows ->
                LOG.infof(
                    "erased %d rows of %d identities of a contact of workspace %s",
                    rows, erased.identities().size(), event.workspaceId()))
        .replaceWithVoid();
  }

  private Uni<Integer> erase(String workspace, Map.Entry<String, String> identity) {
    return Multi.createFrom()
        .iterable(STATEMENTS)
        .onItem()
        .transformToUniAndConcatenate(
            sql ->
                Panache.getSession()
                    .chain(
                        session -> {
                          var query = session.createNativeQuery(sql);
                          Map<String, String> parameters =
                              Map.of(
                                  "workspace", workspace,
                                  "channel", identity.getKey(),
                                  "external", identity.getValue(),
                                  "prefix", likePrefix(identity.getValue()));
                          // Each statement names only some of them; Hibernate refuses the rest.
                          parameters.forEach(
                              (name, value) -> {
                                if (sql.contains(":" + name)) {
                                  query.setParameter(name, value);
                                }
                              });
                          return query.executeUpdate();
                        }))
        .collect()
        .with(java.util.stream.Collectors.summingInt(Integer::intValue));
  }

  /** A LIKE pattern for keys that start with the id and a colon, with the id's own % and _ kept. */
  static String likePrefix(String externalId) {
    return externalId.replace("!", "!!").replace("%", "!%").replace("_", "!_") + ":%";
  }

  /** {@code whatsapp:4915112345678} as channel and id; the id may itself hold colons. */
  static Map.Entry<String, String> split(String identity) {
    int colon = identity == null ? -1 : identity.indexOf(':');
    if (colon <= 0 || colon == identity.length() - 1) {
      return null;
    }
    return Map.entry(identity.substring(0, colon), identity.substring(colon + 1));
  }
}
