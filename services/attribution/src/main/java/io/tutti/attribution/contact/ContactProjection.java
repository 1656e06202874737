package io.tutti.attribution.contact;

import io.smallrye.mutiny.Uni;
import io.tutti.attribution.conversion.Conversion;
import io.tutti.attribution.conversion.Conversions;
import io.tutti.attribution.conversion.CreditEngine;
import io.tutti.attribution.persistence.NativeSql;
import io.tutti.attribution.touch.Touch;
import io.tutti.attribution.touch.WebSessions;
import io.tutti.events.EventEnvelope;
import io.tutti.events.type.ContactErased;
import io.tutti.events.type.ContactMerged;
import io.tutti.events.type.ContactResolved;
import io.tutti.events.type.ContactStageChanged;
import io.tutti.events.type.ContactUnmerged;
import io.tutti.events.type.ContactUpdated;
import io.tutti.events.type.IdentityObserved;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Follows profiles: whose each identity is (touches and waiting sales join their contact), the
 * contacts created and qualified (conversions), merges and unmerges (the groups credit is computed
 * over), and erasures (only anonymous counts stay).
 */
@ApplicationScoped
public class ContactProjection {

  static final String QUALIFIED_STAGE = "qualified";

  private final Contacts contacts;
  private final Conversions conversions;
  private final CreditEngine credit;
  private final WebSessions sessions;

  public ContactProjection(
      Contacts contacts, Conversions conversions, CreditEngine credit, WebSessions sessions) {
    this.contacts = contacts;
    this.conversions = conversions;
    this.credit = credit;
    this.sessions = sessions;
  }

  public Uni<Void> resolved(EventEnvelope event) {
    ContactResolved resolved = (ContactResolved) event.payload();
    UUID contactId = uuid(resolved.contactId(), "contact.resolved");
    if (resolved.channel() == null || resolved.externalContactId() == null) {
      throw new IllegalArgumentException("contact.resolved without channel or externalContactId");
    }
    String workspaceId = event.workspaceId();
    String channel = resolved.channel();
    String externalId = resolved.externalContactId();
    // Profiles answers every message with its sender's contact.resolved: the credit is worked out
    // again only when this one changed what it is worked out from.
    return contacts
        .link(workspaceId, channel, externalId, contactId)
        .chain(
            linked ->
                attachTouches(workspaceId, channel, externalId, contactId)
                    .chain(
                        touches ->
                            attachSales(workspaceId, channel + ":" + externalId, contactId)
                                .map(sales -> linked || touches + sales > 0)))
        .call(
            () ->
                resolved.created()
                    ? conversions.reached(
                        workspaceId, Conversion.CONTACT, contactId, event.occurredAt())
                    : Uni.createFrom().voidItem())
        .chain(
            changed ->
                changed || resolved.created()
                    ? credit.recredit(workspaceId, contactId)
                    : Uni.createFrom().voidItem());
  }

  /**
   * The identity's touches no contact had: they are this contact's now, sessions announced; how
   * many.
   */
  private Uni<Integer> attachTouches(
      String workspaceId, String channel, String externalId, UUID contactId) {
    return Touch.<Touch>list(
            "workspaceId = ?1 and identityChannel = ?2 and identityId = ?3 and contactId is null",
            workspaceId,
            channel,
            externalId)
        .chain(
            touches -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (Touch touch : touches) {
                touch.contactId = contactId;
                if (Touch.SESSION.equals(touch.kind)) {
                  chain = chain.chain(() -> sessions.announce(touch));
                }
              }
              return chain.replaceWith(touches.size());
            });
  }

  /** Sales that waited for profiles to say who the buyer is; how many. */
  private Uni<Integer> attachSales(String workspaceId, String identity, UUID contactId) {
    if (!identity.startsWith(IdentityObserved.CHANNEL_SHOP + ":")) {
      return Uni.createFrom().item(0);
    }
    return Conversion.<Conversion>list(
            "workspaceId = ?1 and pendingIdentity = ?2", workspaceId, identity)
        .chain(
            sales -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (Conversion sale : sales) {
                sale.contactId = contactId;
                sale.pendingIdentity = null;
                chain = chain.chain(() -> conversions.announce(sale));
              }
              return chain.replaceWith(sales.size());
            });
  }

  public Uni<Void> updated(EventEnvelope event) {
    ContactUpdated updated = (ContactUpdated) event.payload();
    UUID contactId = uuid(updated.contactId(), "contact.updated");
    return contacts.handles(event.workspaceId(), contactId, updated.emails(), updated.phones());
  }

  public Uni<Void> stageChanged(EventEnvelope event) {
    ContactStageChanged changed = (ContactStageChanged) event.payload();
    UUID contactId = uuid(changed.contactId(), "contact.stage-changed");
    if (!QUALIFIED_STAGE.equals(changed.to())) {
      return Uni.createFrom().voidItem();
    }
    Instant at = changed.at() == null ? event.occurredAt() : changed.at();
    return conversions.reached(event.workspaceId(), Conversion.QUALIFIED, contactId, at);
  }

  public Uni<Void> merged(EventEnvelope event) {
    ContactMerged merged = (ContactMerged) event.payload();
    UUID survivor = uuid(merged.survivorId(), "contact.merged");
    UUID other = uuid(merged.mergedId(), "contact.merged");
    if (merged.mergeId() == null) {
      throw new IllegalArgumentException("contact.merged without mergeId");
    }
    return contacts
        .merged(event.workspaceId(), merged.mergeId(), survivor, other, event.occurredAt())
        .chain(() -> credit.recredit(event.workspaceId(), survivor));
  }

  /**
   * The restored contact counts on its own again: the identities that went back take their touches
   * with them, and both groups are credited afresh.
   */
  public Uni<Void> unmerged(EventEnvelope event) {
    ContactUnmerged unmerged = (ContactUnmerged) event.payload();
    UUID survivor = uuid(unmerged.survivorId(), "contact.unmerged");
    UUID restored = uuid(unmerged.restoredId(), "contact.unmerged");
    String workspaceId = event.workspaceId();
    Uni<Void> chain = contacts.unmerged(workspaceId, unmerged.mergeId()).replaceWithVoid();
    for (String identity :
        unmerged.identities() == null ? List.<String>of() : unmerged.identities()) {
      int colon = identity.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String channel = identity.substring(0, colon);
      String externalId = identity.substring(colon + 1);
      chain =
          chain
              .chain(() -> contacts.link(workspaceId, channel, externalId, restored))
              .chain(
                  () ->
                      NativeSql.update(
                          "update touch set contact_id = :restored where workspace_id = :ws and"
                              + " identity_channel = :channel and identity_id = :id",
                          Map.of(
                              "restored", restored,
                              "ws", workspaceId,
                              "channel", channel,
                              "id", externalId)))
              .replaceWithVoid();
    }
    return chain
        .chain(() -> credit.recredit(workspaceId, survivor))
        .chain(() -> credit.recredit(workspaceId, restored));
  }

  /**
   * Erases what attribution holds on the person: touches keep only their channel, campaign and time
   * (the counts), conversions lose their contact and order id (kept as a hash, so a repeated order
   * still counts once), and identities, handles and merges are deleted. Credit already given stays
   * as anonymous counts.
   */
  public Uni<Void> erased(EventEnvelope event) {
    ContactErased erased = (ContactErased) event.payload();
    UUID contactId = uuid(erased.contactId(), "contact.erased");
    String workspaceId = event.workspaceId();
    Uni<Void> chain =
        NativeSql.update(
                "update touch set contact_id = null, identity_id = null, landing_url = null,"
                    + " referrer = null, utm = null, click_id = null, ad_id = null,"
                    + " dedupe_key = 'erased:' || id where workspace_id = :ws and contact_id = :c",
                Map.of("ws", workspaceId, "c", contactId))
            .replaceWithVoid();
    for (String identity : erased.identities() == null ? List.<String>of() : erased.identities()) {
      int colon = identity.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      Map<String, Object> params =
          Map.of(
              "ws", workspaceId,
              "channel", identity.substring(0, colon),
              "id", identity.substring(colon + 1));
      chain =
          chain
              .chain(
                  () ->
                      NativeSql.update(
                          "update touch set contact_id = null, identity_id = null, landing_url ="
                              + " null, referrer = null, utm = null, click_id = null, ad_id ="
                              + " null, dedupe_key = 'erased:' || id where workspace_id = :ws and"
                              + " identity_channel = :channel and identity_id = :id",
                          params))
              .chain(
                  () ->
                      NativeSql.update(
                          "delete from identity where workspace_id = :ws and channel = :channel"
                              + " and external_id = :id",
                          params))
              .replaceWithVoid();
    }
    return chain
        .chain(
            () ->
                Conversion.<Conversion>list(
                    "workspaceId = ?1 and (contactId = ?2 or pendingIdentity in ?3)",
                    workspaceId,
                    contactId,
                    shopIdentities(erased.identities())))
        .invoke(
            held -> {
              for (Conversion conversion : held) {
                conversion.contactId = null;
                conversion.pendingIdentity = null;
                if (conversion.orderId != null) {
                  conversion.orderId = null;
                }
                conversion.dedupeKey = "erased:" + Hashes.sha256(conversion.dedupeKey);
              }
            })
        .chain(() -> contacts.forget(workspaceId, contactId))
        .chain(() -> forgetPublished(workspaceId, contactId.toString(), erased.identities()));
  }

  /**
   * Deletes the published events that named the person (sessions with their visitor id and pages);
   * events not yet published still go out, ahead of what profiles does with the erasure.
   */
  private static Uni<Void> forgetPublished(
      String workspaceId, String contactId, List<String> identities) {
    Uni<Void> chain = forgetPublishedNaming(workspaceId, contactId);
    for (String identity : identities == null ? List.<String>of() : identities) {
      int colon = identity.indexOf(':');
      if (colon > 0 && colon < identity.length() - 1) {
        String externalId = identity.substring(colon + 1);
        chain = chain.chain(() -> forgetPublishedNaming(workspaceId, externalId));
      }
    }
    return chain;
  }

  private static Uni<Void> forgetPublishedNaming(String workspaceId, String value) {
    return NativeSql.update(
            "delete from outbox_event where workspace_id = :ws and published_at is not null and"
                + " strpos(envelope, :value) > 0",
            Map.of("ws", workspaceId, "value", "\"" + value + "\""))
        .replaceWithVoid();
  }

  private static List<String> shopIdentities(List<String> identities) {
    List<String> shop =
        identities == null
            ? List.of()
            : identities.stream()
                .filter(i -> i.startsWith(IdentityObserved.CHANNEL_SHOP + ":"))
                .toList();
    return shop.isEmpty() ? List.of("-") : shop;
  }

  private static UUID uuid(String value, String type) {
    try {
      return UUID.fromString(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(type + " without a usable contact id");
    }
  }
}
