package io.tutti.attribution.privacy;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tutti.attribution.contact.Contacts;
import io.tutti.attribution.conversion.Conversion;
import io.tutti.attribution.persistence.NativeSql;
import io.tutti.attribution.settings.SettingsService;
import io.tutti.attribution.touch.Touch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what attribution holds on a person for their GDPR access request. The person is the contact
 * asked about, or the contact it was merged into, together with everything merged into that: the
 * same group whose touches credit its conversions.
 */
@ApplicationScoped
public class ContactExportService {

  /**
   * Prefix of the dedupe key of a touch an ad or campaign link brought ({@code MessageTouches}).
   */
  private static final String AD_KEY = "ad:";

  private final Contacts contacts;
  private final SettingsService settings;

  public ContactExportService(Contacts contacts, SettingsService settings) {
    this.contacts = contacts;
    this.settings = settings;
  }

  @WithSession
  public Uni<ContactExport> export(String workspaceId, UUID contactId) {
    return contacts
        .survivorOf(workspaceId, contactId)
        .chain(
            survivor ->
                contacts
                    .group(workspaceId, survivor)
                    .map(group -> group.stream().sorted().toList())
                    .chain(group -> export(workspaceId, survivor, group)));
  }

  private Uni<ContactExport> export(String workspaceId, UUID survivor, List<UUID> group) {
    Map<String, Object> params = Map.of("ws", workspaceId, "group", group);
    Builder export = new Builder();
    return NativeSql.rows(
            "select contact_id, channel, external_id from identity where workspace_id = :ws and"
                + " contact_id in (:group) order by channel, external_id",
            params)
        .invoke(
            rows ->
                export.identities =
                    rows.stream()
                        .map(
                            r ->
                                new ContactExport.IdentityRecord(
                                    (UUID) r[0], (String) r[1], (String) r[2]))
                        .toList())
        .chain(
            () ->
                NativeSql.rows(
                    "select contact_id, kind, value from contact_handle where workspace_id = :ws"
                        + " and contact_id in (:group) order by kind, value",
                    params))
        .invoke(
            rows ->
                export.handles =
                    rows.stream()
                        .map(
                            r ->
                                new ContactExport.HandleRecord(
                                    (UUID) r[0], (String) r[1], (String) r[2]))
                        .toList())
        .chain(
            () ->
                Touch.<Touch>list(
                    "workspaceId = ?1 and contactId in ?2 order by occurredAt, id",
                    workspaceId,
                    group))
        .invoke(rows -> export.touches = rows.stream().map(ContactExportService::touch).toList())
        .chain(
            () ->
                Conversion.<Conversion>list(
                    "workspaceId = ?1 and contactId in ?2 order by occurredAt, id",
                    workspaceId,
                    group))
        .chain(
            rows ->
                settings
                    .of(workspaceId)
                    .map(
                        workspace ->
                            rows.stream().map(c -> conversion(c, workspace.currency())).toList()))
        .map(
            conversions ->
                new ContactExport(
                    survivor,
                    Instant.now(),
                    group,
                    export.identities,
                    export.handles,
                    export.touches,
                    conversions));
  }

  private static ContactExport.TouchRecord touch(Touch t) {
    return new ContactExport.TouchRecord(
        t.id,
        t.contactId,
        type(t),
        t.identityChannel,
        t.identityId,
        t.channel,
        t.campaign,
        t.adId,
        t.occurredAt,
        t.lastSeenAt,
        t.pageViews,
        t.landingUrl,
        t.referrer,
        t.utm,
        t.clickId);
  }

  private static String type(Touch t) {
    if (Touch.SESSION.equals(t.kind)) {
      return "session";
    }
    return t.dedupeKey != null && t.dedupeKey.startsWith(AD_KEY) ? "ad_referral" : "first_message";
  }

  private static ContactExport.ConversionRecord conversion(Conversion c, String currency) {
    boolean sale = Conversion.SALE.equals(c.kind);
    return new ContactExport.ConversionRecord(
        c.id,
        c.contactId,
        c.kind,
        c.occurredAt,
        c.counted,
        c.orderId,
        c.amount,
        sale ? currency : null,
        c.originalAmount,
        c.originalCurrency == null ? null : c.originalCurrency.strip(),
        c.rate,
        c.recordedAt);
  }

  /** The export's parts, gathered one query after another. */
  private static final class Builder {
    List<ContactExport.IdentityRecord> identities;
    List<ContactExport.HandleRecord> handles;
    List<ContactExport.TouchRecord> touches;
  }
}
