package io.tutti.conversations.privacy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.assignment.AssignmentSignals;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.ContactErased;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Follows profiles' {@code contact.erased}: every conversation of the person goes, with its
 * messages (notes included), activity, read marks and pending webhook deliveries, what links the
 * person's identities to the contact, and what routing rules knew of the contact (stage,
 * attributes). Conversations are found by the contact and by each identity the event names, so one
 * whose {@code contact.resolved} had not arrived yet goes too.
 */
@ApplicationScoped
public class ContactErasure {

  private static final Logger LOG = Logger.getLogger(ContactErasure.class);

  /** The person's conversations: by contact, or by identity (channel and customer id). */
  private static final String CONVERSATIONS =
      "select id from conversation where workspace_id = :workspace and (contact_id = :contact or"
          + " (channel || ':' || external_contact_id) = any(cast(:identities as text[])))";

  private final AssignmentSignals signals;

  public ContactErasure(AssignmentSignals signals) {
    this.signals = signals;
  }

  public Uni<Void> erase(EventEnvelope event) {
    ContactErased erased = (ContactErased) event.payload();
    String workspace = event.workspaceId();
    String[] identities =
        (erased.identities() == null ? List.<String>of() : erased.identities())
            .toArray(String[]::new);
    return delete(
            "delete from conversation_read where conversation_id in (" + CONVERSATIONS + ")",
            workspace,
            erased.contactId(),
            identities)
        .chain(
            () ->
                delete(
                    "delete from conversation_activity where conversation_id in ("
                        + CONVERSATIONS
                        + ")",
                    workspace,
                    erased.contactId(),
                    identities))
        .chain(
            () ->
                delete(
                    "delete from message where conversation_id in (" + CONVERSATIONS + ")",
                    workspace,
                    erased.contactId(),
                    identities))
        .chain(
            () ->
                delete(
                    "delete from conversation where id in (" + CONVERSATIONS + ")",
                    workspace,
                    erased.contactId(),
                    identities))
        .invoke(
            conversations ->
                LOG.infof(
                    "erased %d conversations of a contact of workspace %s",
                    conversations, workspace))
        // Their agents have room again: every queue of the workspace may move.
        .call(
            conversations ->
                conversations > 0 ? signals.workspace(workspace) : Uni.createFrom().voidItem())
        .chain(
            () ->
                delete(
                    "delete from contact_identity where workspace_id = :workspace and (contact_id"
                        + " = :contact or (channel || ':' || external_contact_id) ="
                        + " any(cast(:identities as text[])))",
                    workspace,
                    erased.contactId(),
                    identities))
        .chain(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(
                                    "delete from contact_merge where workspace_id = :workspace and"
                                        + " (survivor_id = :contact or merged_id = :contact)")
                                .setParameter("workspace", workspace)
                                .setParameter("contact", erased.contactId())
                                .executeUpdate()))
        .chain(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(
                                    "delete from contact_profile where workspace_id = :workspace"
                                        + " and contact_id = :contact")
                                .setParameter("workspace", workspace)
                                .setParameter("contact", erased.contactId())
                                .executeUpdate()))
        .replaceWithVoid();
  }

  private static Uni<Integer> delete(
      String sql, String workspace, String contactId, String[] identities) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(sql)
                    .setParameter("workspace", workspace)
                    .setParameter("contact", contactId)
                    .setParameter("identities", identities)
                    .executeUpdate());
  }
}
