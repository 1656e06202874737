package io.tutti.attribution.touch;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.tutti.attribution.channel.Landing;
import io.tutti.attribution.config.AttributionConfig;
import io.tutti.attribution.contact.Contacts;
import io.tutti.attribution.conversion.CreditEngine;
import io.tutti.attribution.persistence.NativeSql;
import io.tutti.attribution.report.Rollups;
import io.tutti.attribution.settings.SettingsService;
import io.tutti.attribution.track.TrackEvent;
import io.tutti.events.EventEnvelope;
import io.tutti.events.UuidV7;
import io.tutti.events.outbox.Outbox;
import io.tutti.events.type.IdentityObserved;
import io.tutti.events.type.SessionRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Makes sessions of a visitor's page views: a page view within the session gap of the visitor's
 * session extends it, any other starts a new session classified by its landing URL and referrer. An
 * identify call asks profiles whose the visitor is; the answer ({@code contact.resolved} for {@code
 * web}) links every session of the visitor to that contact.
 */
@ApplicationScoped
public class WebSessions {

  static final String SOURCE = "attribution";
  private static final int MAX_TEXT = 2048;

  private final AttributionConfig config;
  private final SettingsService settings;
  private final Contacts contacts;
  private final CreditEngine credit;
  private final Rollups rollups;
  private final Outbox outbox;

  public WebSessions(
      AttributionConfig config,
      SettingsService settings,
      Contacts contacts,
      CreditEngine credit,
      Rollups rollups,
      Outbox outbox) {
    this.config = config;
    this.settings = settings;
    this.contacts = contacts;
    this.credit = credit;
    this.rollups = rollups;
    this.outbox = outbox;
  }

  /** Records one accepted call, in the caller's transaction. */
  public Uni<Void> record(String workspaceId, TrackEvent event) {
    Instant at = event.occurredAt().truncatedTo(ChronoUnit.MICROS);
    if (TrackEvent.IDENTIFY.equals(event.type())) {
      TrackEvent.Traits traits = event.traits();
      return outbox
          .add(
              EventEnvelope.of(
                  SOURCE,
                  workspaceId,
                  null,
                  new IdentityObserved(
                      IdentityObserved.CHANNEL_WEB,
                      event.anonymousId(),
                      traits.name(),
                      traits.email(),
                      traits.phone(),
                      at,
                      "track")))
          .replaceWithVoid();
    }
    return lockVisitor(workspaceId, event.anonymousId())
        .chain(
            () ->
                Touch.<Touch>find(
                        "workspaceId = ?1 and identityChannel = ?2 and identityId = ?3 and kind"
                            + " = ?4 and occurredAt <= ?5 and lastSeenAt >= ?6 order by"
                            + " occurredAt desc",
                        workspaceId,
                        IdentityObserved.CHANNEL_WEB,
                        event.anonymousId(),
                        Touch.SESSION,
                        at,
                        at.minus(config.sessionGap()))
                    .<Touch>firstResult())
        .chain(
            (Touch session) -> {
              if (session != null) {
                session.pageViews = session.pageViews + 1;
                if (at.isAfter(session.lastSeenAt)) {
                  session.lastSeenAt = at;
                }
                return Uni.createFrom().voidItem();
              }
              return start(workspaceId, event, at);
            });
  }

  private Uni<Void> start(String workspaceId, TrackEvent event, Instant at) {
    Landing landing = Landing.of(event.url(), event.referrer());
    // One ORM session runs one query at a time: these are read one after the other.
    return settings
        .of(workspaceId)
        .chain(
            found ->
                contacts
                    .ofIdentity(workspaceId, IdentityObserved.CHANNEL_WEB, event.anonymousId())
                    .map(contact -> Tuple2.of(found, contact)))
        .chain(
            loaded -> {
              Touch session = new Touch();
              session.id = UuidV7.next();
              session.workspaceId = workspaceId;
              session.kind = Touch.SESSION;
              session.contactId = loaded.getItem2();
              session.identityChannel = IdentityObserved.CHANNEL_WEB;
              session.identityId = event.anonymousId();
              session.channel = loaded.getItem1().channelRules().classify(landing);
              session.campaign = landing.campaign();
              session.occurredAt = at;
              session.lastSeenAt = at;
              session.pageViews = 1;
              session.landingUrl = cut(event.url());
              session.referrer = cut(event.referrer());
              session.utm = landing.utm().isEmpty() ? null : landing.utm();
              session.clickId =
                  landing.clickIds().isEmpty()
                      ? null
                      : landing.clickIds().entrySet().iterator().next().getKey()
                          + "="
                          + landing.clickIds().entrySet().iterator().next().getValue();
              session.dedupeKey = "session:" + session.id;
              LocalDate day = LocalDate.ofInstant(at, loaded.getItem1().timeZone());
              return session
                  .persist()
                  .chain(
                      () ->
                          rollups.addSession(
                              workspaceId,
                              day,
                              session.channel,
                              session.campaign == null ? "" : session.campaign))
                  .chain(() -> announce(session))
                  .chain(
                      () ->
                          session.contactId == null
                              ? Uni.createFrom().voidItem()
                              : credit.recredit(workspaceId, session.contactId, at));
            });
  }

  /** Publishes {@code session.recorded} for the session (again, once it has a contact). */
  public Uni<Void> announce(Touch session) {
    return outbox
        .add(
            EventEnvelope.of(
                SOURCE,
                session.workspaceId,
                null,
                new SessionRecorded(
                    session.id.toString(),
                    session.identityId,
                    session.contactId == null ? null : session.contactId.toString(),
                    session.channel,
                    session.campaign,
                    session.landingUrl,
                    session.referrer,
                    session.occurredAt)))
        .replaceWithVoid();
  }

  /** Serialises the page views of one visitor until the transaction ends. */
  private static Uni<Void> lockVisitor(String workspaceId, String anonymousId) {
    return NativeSql.rows(
            "select 1 from (select pg_advisory_xact_lock(hashtextextended(:key, 7))) as locked",
            Map.of("key", workspaceId + "\n" + anonymousId))
        .replaceWithVoid();
  }

  private static String cut(String value) {
    return value == null || value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
  }

  static UUID parse(String value) {
    try {
      return value == null ? null : UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
