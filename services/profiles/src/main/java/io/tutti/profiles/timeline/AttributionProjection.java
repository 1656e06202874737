package io.tutti.profiles.timeline;

import io.smallrye.mutiny.Uni;
import io.tutti.events.EventEnvelope;
import io.tutti.events.UuidV7;
import io.tutti.events.type.SaleRecorded;
import io.tutti.events.type.SessionRecorded;
import io.tutti.profiles.contact.Actor;
import io.tutti.profiles.contact.Contact;
import io.tutti.profiles.contact.ContactRepository;
import io.tutti.profiles.contact.Ids;
import io.tutti.profiles.contact.Touch;
import io.tutti.profiles.identity.ContactIdentity;
import io.tutti.profiles.identity.IdentityRepository;
import io.tutti.profiles.stage.Stage;
import io.tutti.profiles.stage.StageChange;
import io.tutti.profiles.stage.StageService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps what profiles needs of attribution's events: web sessions and sales for the timeline, first
 * and last touch, and a sale making its contact a customer. Sessions and sales of contacts profiles
 * does not know (erased, or never resolved here) are not kept.
 */
@ApplicationScoped
public class AttributionProjection {

  private static final Logger LOG = Logger.getLogger(AttributionProjection.class);

  private final ContactRepository contacts;
  private final IdentityRepository identities;
  private final WebSessionRepository sessions;
  private final ConversionRepository conversions;
  private final StageService stages;

  public AttributionProjection(
      ContactRepository contacts,
      IdentityRepository identities,
      WebSessionRepository sessions,
      ConversionRepository conversions,
      StageService stages) {
    this.contacts = contacts;
    this.identities = identities;
    this.sessions = sessions;
    this.conversions = conversions;
    this.stages = stages;
  }

  public Uni<Void> session(EventEnvelope event) {
    SessionRecorded session = (SessionRecorded) event.payload();
    String workspaceId = event.workspaceId();
    if (blank(session.sessionId()) || session.startedAt() == null) {
      throw new IllegalArgumentException("session.recorded without sessionId or startedAt");
    }
    return sessions
        .bySessionId(workspaceId, session.sessionId())
        .chain(
            known ->
                known != null
                    ? Uni.createFrom().voidItem()
                    : owner(workspaceId, session)
                        .chain(contactId -> keep(workspaceId, session, contactId)));
  }

  private Uni<Void> keep(String workspaceId, SessionRecorded session, UUID contactId) {
    if (contactId == null) {
      LOG.debugf("session %s belongs to no contact known here", session.sessionId());
      return Uni.createFrom().voidItem();
    }
    WebSession row = new WebSession();
    row.id = UuidV7.next();
    row.workspaceId = workspaceId;
    row.contactId = contactId;
    row.sessionId = session.sessionId();
    row.anonymousId = session.anonymousId();
    row.channel = session.channel();
    row.campaign = session.campaign();
    row.landingUrl = cut(session.landingUrl(), 2000);
    row.referrer = cut(session.referrer(), 2000);
    row.startedAt = session.startedAt().truncatedTo(ChronoUnit.MICROS);
    return sessions
        .persist(row)
        .chain(() -> contacts.currentForUpdate(workspaceId, contactId))
        .invoke(
            contact -> {
              if (contact.touched(new Touch(row.channel, row.campaign, row.startedAt))) {
                contact.updatedAt = Ids.now();
              }
            })
        .replaceWithVoid();
  }

  /**
   * The contact attribution named, or else the contact of the website chat visitor with the same
   * anonymous id (the widget and tutti.js share the visitor id); null when neither is known.
   */
  private Uni<UUID> owner(String workspaceId, SessionRecorded session) {
    UUID named = Ids.parse(session.contactId());
    Uni<UUID> byContact =
        named == null
            ? Uni.createFrom().nullItem()
            : contacts.findInWorkspace(workspaceId, named).map(c -> c == null ? null : c.id);
    return byContact.chain(
        id -> {
          if (id != null || blank(session.anonymousId())) {
            return Uni.createFrom().item(id);
          }
          return identities
              .ofVisitor(workspaceId, session.anonymousId())
              .map((ContactIdentity visitor) -> visitor == null ? null : visitor.contactId);
        });
  }

  public Uni<Void> sale(EventEnvelope event) {
    SaleRecorded sale = (SaleRecorded) event.payload();
    String workspaceId = event.workspaceId();
    if (blank(sale.saleId()) || sale.occurredAt() == null) {
      throw new IllegalArgumentException("sale.recorded without saleId or occurredAt");
    }
    UUID named = Ids.parse(sale.contactId());
    if (named == null) {
      LOG.debugf("sale %s names no contact", sale.saleId());
      return Uni.createFrom().voidItem();
    }
    return conversions
        .bySaleId(workspaceId, sale.saleId())
        .chain(
            known ->
                known != null
                    ? Uni.createFrom().voidItem()
                    : contacts
                        .findInWorkspace(workspaceId, named)
                        .chain(
                            contact ->
                                contact == null
                                    ? Uni.createFrom().voidItem()
                                    : record(workspaceId, sale, contact)));
  }

  private Uni<Void> record(String workspaceId, SaleRecorded sale, Contact named) {
    Conversion row = new Conversion();
    row.id = UuidV7.next();
    row.workspaceId = workspaceId;
    row.contactId = named.id;
    row.saleId = sale.saleId();
    row.orderId = cut(sale.orderId(), 200);
    row.amount = sale.amount();
    row.currency = sale.currency();
    row.occurredAt = sale.occurredAt().truncatedTo(ChronoUnit.MICROS);
    return conversions
        .persist(row)
        .chain(() -> contacts.currentForUpdate(workspaceId, named.id))
        .chain(
            contact ->
                Stage.CUSTOMER.id().equals(contact.stage)
                    ? Uni.createFrom().voidItem()
                    : stages
                        .record(
                            contact,
                            Stage.CUSTOMER,
                            row.orderId == null ? "Sale recorded" : "Sale of order " + row.orderId,
                            null,
                            StageChange.SALE,
                            Actor.SYSTEM,
                            Ids.now())
                        .chain(() -> stages.announce(contact)));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
