package io.tutti.attribution.conversion;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.attribution.config.AttributionConfig;
import io.tutti.attribution.contact.Contacts;
import io.tutti.attribution.contact.Hashes;
import io.tutti.attribution.report.Rollups;
import io.tutti.attribution.settings.Settings;
import io.tutti.attribution.settings.SettingsService;
import io.tutti.events.EventEnvelope;
import io.tutti.events.outbox.Outbox;
import io.tutti.events.type.IdentityObserved;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Records sales: once per order id, in the workspace's currency (converted at the workspace's
 * rate), credited over the buyer's touches, announced as {@code sale.recorded} once the buyer's
 * contact is known.
 */
@ApplicationScoped
public class SaleService {

  private static final Pattern PHONE = Pattern.compile("\\+?[0-9()\\-. ]{4,40}");

  /** A sale, and whether this call recorded it (false: the order was recorded before). */
  public record Recorded(SaleView sale, boolean created) {}

  /** Who bought, as a sale may name them. */
  public record Buyer(String contactId, String email, String phone, String name, String shopId) {}

  private final Contacts contacts;
  private final SettingsService settings;
  private final CreditEngine credit;
  private final Conversions conversions;
  private final Outbox outbox;
  private final Rollups rollups;
  private final AttributionConfig config;
  private final Clock clock;

  public SaleService(
      Contacts contacts,
      SettingsService settings,
      CreditEngine credit,
      Conversions conversions,
      Outbox outbox,
      Rollups rollups,
      AttributionConfig config,
      Clock clock) {
    this.contacts = contacts;
    this.settings = settings;
    this.credit = credit;
    this.conversions = conversions;
    this.outbox = outbox;
    this.rollups = rollups;
    this.config = config;
    this.clock = clock;
  }

  @WithTransaction
  public Uni<Recorded> record(String workspaceId, SaleRequest request, String source) {
    return record(workspaceId, request, buyer(request), source);
  }

  /** Records a sale for a buyer the caller read itself (an order webhook). */
  @WithTransaction
  public Uni<Recorded> record(String workspaceId, SaleRequest request, Buyer buyer, String source) {
    Instant now = clock.instant();
    Instant at = request.occurredAt() == null ? now : request.occurredAt();
    if (at.isAfter(now.plus(config.maxClockSkew()))) {
      throw Problem.validation(List.of(new Problem.FieldError("occurredAt", "is in the future")))
          .exception();
    }
    return settings
        .of(workspaceId)
        .chain(
            found ->
                existing(workspaceId, request.orderId())
                    .chain(
                        held ->
                            held != null
                                ? Uni.createFrom()
                                    .item(new Recorded(SaleView.of(held, found.currency()), false))
                                : create(workspaceId, found, request, buyer, at, source)));
  }

  /** The sale already recorded for the order, read in a session of its own. */
  @WithSession
  public Uni<SaleView> recorded(String workspaceId, String orderId) {
    return settings
        .of(workspaceId)
        .chain(
            found ->
                existing(workspaceId, orderId)
                    .map(held -> held == null ? null : SaleView.of(held, found.currency())));
  }

  private Uni<Conversion> existing(String workspaceId, String orderId) {
    return Conversion.<Conversion>find(
            "workspaceId = ?1 and dedupeKey in ?2",
            workspaceId,
            List.of(orderKey(orderId), "erased:" + Hashes.sha256(orderKey(orderId))))
        .firstResult();
  }

  static String orderKey(String orderId) {
    return "order:" + orderId.strip();
  }

  private Uni<Recorded> create(
      String workspaceId,
      Settings found,
      SaleRequest request,
      Buyer buyer,
      Instant at,
      String source) {
    BigDecimal rate =
        found
            .rate(request.currency())
            .orElseThrow(
                () ->
                    new Problem(
                            Problem.type("exchange-rate-missing"),
                            "No exchange rate",
                            422,
                            "The workspace reports revenue in "
                                + found.currency()
                                + " and has no rate for "
                                + request.currency()
                                + ". An admin can add one in the attribution settings.")
                        .exception());
    Conversion sale =
        Conversions.newConversion(workspaceId, Conversion.SALE, at, orderKey(request.orderId()));
    sale.orderId = request.orderId().strip();
    sale.originalAmount = request.amount().setScale(2, RoundingMode.HALF_EVEN);
    sale.originalCurrency = request.currency();
    sale.rate = rate;
    sale.amount = request.amount().multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
    return contactOf(workspaceId, buyer)
        .chain(
            contactId -> {
              sale.contactId = contactId;
              if (contactId == null) {
                sale.pendingIdentity = IdentityObserved.CHANNEL_SHOP + ":" + shopExternalId(buyer);
              }
              Uni<Void> resolved =
                  contactId != null
                      ? Uni.createFrom().voidItem()
                      : outbox
                          .add(
                              EventEnvelope.of(
                                  Conversions.SOURCE,
                                  workspaceId,
                                  null,
                                  new IdentityObserved(
                                      IdentityObserved.CHANNEL_SHOP,
                                      shopExternalId(buyer),
                                      buyer.name(),
                                      buyer.email(),
                                      buyer.phone(),
                                      at,
                                      source)))
                          .replaceWithVoid();
              Uni<Void> counted =
                  rate.compareTo(BigDecimal.ONE) == 0
                      ? Uni.createFrom().voidItem()
                      : rollups.addConverted(
                          workspaceId,
                          LocalDate.ofInstant(sale.occurredAt, found.timeZone()),
                          request.currency(),
                          rate);
              return sale.<Conversion>persist()
                  .chain(() -> resolved)
                  .chain(() -> counted)
                  .chain(
                      () ->
                          contactId != null
                              ? credit
                                  .recredit(workspaceId, contactId)
                                  .chain(() -> conversions.announce(sale))
                              : credit.credit(sale, List.of(), found))
                  .map(ignored -> new Recorded(SaleView.of(sale, found.currency()), true));
            });
  }

  /** The contact the buyer is known as here, or null when profiles must resolve them. */
  private Uni<UUID> contactOf(String workspaceId, Buyer buyer) {
    if (buyer.contactId() != null) {
      UUID id = UUID.fromString(buyer.contactId());
      return contacts
          .known(workspaceId, id)
          .map(
              known -> {
                if (!known) {
                  throw Problem.notFound("No contact " + id + " in this workspace.").exception();
                }
                return id;
              });
    }
    Uni<UUID> byEmail =
        buyer.email() == null
            ? Uni.createFrom().nullItem()
            : contacts.byHandle(workspaceId, "email", buyer.email());
    return byEmail.chain(
        found -> {
          String e164 = e164(buyer.phone());
          if (found != null || e164 == null) {
            return Uni.createFrom().item(found);
          }
          return contacts.byHandle(workspaceId, "phone", e164);
        });
  }

  /** How the shop knows the buyer: its customer id, else the email, else the phone. */
  private static String shopExternalId(Buyer buyer) {
    if (buyer.shopId() != null) {
      return buyer.shopId();
    }
    return buyer.email() != null ? buyer.email() : buyer.phone();
  }

  /** A phone written in international form, as profiles holds it (E.164); null otherwise. */
  static String e164(String phone) {
    if (phone == null || !phone.strip().startsWith("+")) {
      return null;
    }
    String digits = phone.replaceAll("[^0-9]", "");
    return digits.length() < 6 || digits.length() > 15 ? null : "+" + digits;
  }

  private static Buyer buyer(SaleRequest request) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String contactId = blankToNull(request.contactId());
    String email = blankToNull(request.email());
    String phone = blankToNull(request.phone());
    if (contactId == null && email == null && phone == null) {
      errors.add(new Problem.FieldError("contactId", "or email or phone must name the buyer"));
    }
    if (contactId != null) {
      try {
        UUID.fromString(contactId);
      } catch (IllegalArgumentException e) {
        errors.add(new Problem.FieldError("contactId", "is not a contact id"));
      }
    }
    if (email != null && (email.indexOf('@') < 1 || email.contains(" "))) {
      errors.add(new Problem.FieldError("email", "is not an email address"));
    }
    if (phone != null && !PHONE.matcher(phone).matches()) {
      errors.add(new Problem.FieldError("phone", "is not a phone number"));
    }
    if (request.currency() != null && request.currency().matches("[A-Z]{3}")) {
      try {
        Currency.getInstance(request.currency());
      } catch (IllegalArgumentException e) {
        errors.add(new Problem.FieldError("currency", "is not an ISO 4217 currency"));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors).exception();
    }
    return new Buyer(
        contactId, email == null ? null : email.toLowerCase(Locale.ROOT), phone, null, null);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
