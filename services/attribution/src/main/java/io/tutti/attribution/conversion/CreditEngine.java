package io.tutti.attribution.conversion;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.tutti.attribution.contact.Contacts;
import io.tutti.attribution.model.Attribution;
import io.tutti.attribution.model.Model;
import io.tutti.attribution.model.Share;
import io.tutti.attribution.model.TouchPoint;
import io.tutti.attribution.persistence.NativeSql;
import io.tutti.attribution.report.Rollups;
import io.tutti.attribution.settings.Settings;
import io.tutti.attribution.settings.SettingsService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Gives each conversion the credit every model earns it from the touches of its contact's group,
 * and keeps the roll-ups equal to the sum of all credit. Runs in the caller's transaction; the
 * group's conversions are locked, so two changes to one person never credit twice.
 */
@ApplicationScoped
public class CreditEngine {

  private static final int REVENUE_SCALE = 6;

  private final Contacts contacts;
  private final SettingsService settings;
  private final Rollups rollups;

  public CreditEngine(Contacts contacts, SettingsService settings, Rollups rollups) {
    this.contacts = contacts;
    this.settings = settings;
    this.rollups = rollups;
  }

  /** Re-credits everything of the group the contact counts in. */
  public Uni<Void> recredit(String workspaceId, UUID contactId) {
    return recredit(workspaceId, contactId, null);
  }

  /**
   * Re-credits the group the contact counts in, after a touch at {@code since}: conversions before
   * it cannot change (touches after a conversion are ignored). Null re-credits all.
   */
  public Uni<Void> recredit(String workspaceId, UUID contactId, Instant since) {
    return NativeSql.flush()
        .chain(() -> contacts.survivorOf(workspaceId, contactId))
        .chain(survivor -> contacts.group(workspaceId, survivor))
        .chain(members -> recreditGroup(workspaceId, members, since));
  }

  private Uni<Void> recreditGroup(String workspaceId, List<UUID> members, Instant since) {
    Uni<List<Conversion>> locked =
        Conversion.<Conversion>find(
                "workspaceId = ?1 and contactId in ?2 order by occurredAt, id",
                workspaceId,
                members)
            .withLock(LockModeType.PESSIMISTIC_WRITE)
            .list();
    return locked.chain(
        conversions -> {
          if (conversions.isEmpty()) {
            return Uni.createFrom().voidItem();
          }
          return touches(workspaceId, members)
              .chain(found -> settings.of(workspaceId).map(s -> Tuple2.of(found, s)))
              .chain(
                  loaded -> {
                    Set<String> firsts = new HashSet<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Conversion conversion : conversions) {
                      boolean counted =
                          Conversion.SALE.equals(conversion.kind) || firsts.add(conversion.kind);
                      boolean recount = counted != conversion.counted;
                      conversion.counted = counted;
                      if (recount || since == null || !conversion.occurredAt.isBefore(since)) {
                        chain =
                            chain.chain(
                                () -> credit(conversion, loaded.getItem1(), loaded.getItem2()));
                      }
                    }
                    return chain;
                  });
        });
  }

  /** The touches of these contacts, in time order (ties: the one recorded first is first). */
  public Uni<List<TouchPoint>> touches(String workspaceId, List<UUID> contactIds) {
    return NativeSql.rows(
            "select channel, coalesce(campaign, ''), occurred_at from touch where workspace_id ="
                + " :ws and contact_id in (:ids) order by occurred_at, id",
            Map.of("ws", workspaceId, "ids", contactIds))
        .map(
            rows -> {
              List<TouchPoint> points = new ArrayList<>(rows.size());
              long order = 0;
              for (Object[] row : rows) {
                points.add(
                    new TouchPoint((String) row[0], (String) row[1], toInstant(row[2]), order++));
              }
              return points;
            });
  }

  /**
   * Replaces the conversion's credit under every model with what these touches earn (none when it
   * is not counted), and moves the difference into the roll-ups.
   */
  public Uni<Void> credit(Conversion conversion, List<TouchPoint> touches, Settings settings) {
    LocalDate day = LocalDate.ofInstant(conversion.occurredAt, settings.timeZone());
    Map<List<Object>, BigDecimal[]> fresh = new LinkedHashMap<>();
    if (conversion.counted) {
      BigDecimal amount =
          Conversion.SALE.equals(conversion.kind) && conversion.amount != null
              ? conversion.amount
              : BigDecimal.ZERO;
      for (Model model : Model.values()) {
        for (Share share :
            Attribution.credit(model, touches, conversion.occurredAt, settings.halfLife())) {
          BigDecimal revenue =
              amount.multiply(share.weight()).setScale(REVENUE_SCALE, RoundingMode.HALF_EVEN);
          fresh.put(
              List.of(model.id(), day, share.channel(), share.campaign()),
              new BigDecimal[] {share.weight(), revenue});
        }
      }
    }
    return NativeSql.flush()
        .chain(
            () ->
                NativeSql.rows(
                    "select model, day, channel, campaign, weight, revenue from credit where"
                        + " conversion_id = :id",
                    Map.of("id", conversion.id)))
        .chain(
            rows -> {
              Map<List<Object>, BigDecimal[]> held = new LinkedHashMap<>();
              for (Object[] row : rows) {
                held.put(
                    List.of(row[0], toLocalDate(row[1]), row[2], row[3]),
                    new BigDecimal[] {(BigDecimal) row[4], (BigDecimal) row[5]});
              }
              if (same(held, fresh)) {
                return Uni.createFrom().voidItem();
              }
              return replace(conversion, held, fresh);
            });
  }

  private Uni<Void> replace(
      Conversion conversion,
      Map<List<Object>, BigDecimal[]> held,
      Map<List<Object>, BigDecimal[]> fresh) {
    Map<List<Object>, BigDecimal[]> deltas = new LinkedHashMap<>();
    held.forEach((key, value) -> add(deltas, key, value[0].negate(), value[1].negate()));
    fresh.forEach((key, value) -> add(deltas, key, value[0], value[1]));
    Uni<Void> chain =
        NativeSql.update(
                "delete from credit where conversion_id = :id", Map.of("id", conversion.id))
            .replaceWithVoid();
    for (Map.Entry<List<Object>, BigDecimal[]> entry : fresh.entrySet()) {
      List<Object> key = entry.getKey();
      chain =
          chain.chain(
              () ->
                  NativeSql.update(
                          "insert into credit (conversion_id, model, day, channel, campaign,"
                              + " weight, revenue) values (:id, :model, :day, :channel, :campaign,"
                              + " :weight, :revenue)",
                          Map.of(
                              "id", conversion.id,
                              "model", key.get(0),
                              "day", key.get(1),
                              "channel", key.get(2),
                              "campaign", key.get(3),
                              "weight", entry.getValue()[0],
                              "revenue", entry.getValue()[1]))
                      .replaceWithVoid());
    }
    for (Map.Entry<List<Object>, BigDecimal[]> entry : deltas.entrySet()) {
      BigDecimal weight = entry.getValue()[0];
      BigDecimal revenue = entry.getValue()[1];
      if (weight.signum() == 0 && revenue.signum() == 0) {
        continue;
      }
      List<Object> key = entry.getKey();
      BigDecimal zero = BigDecimal.ZERO;
      Rollups.Delta delta =
          new Rollups.Delta(
              (String) key.get(0),
              (LocalDate) key.get(1),
              (String) key.get(2),
              (String) key.get(3),
              Conversion.CONTACT.equals(conversion.kind) ? weight : zero,
              Conversion.QUALIFIED.equals(conversion.kind) ? weight : zero,
              Conversion.SALE.equals(conversion.kind) ? weight : zero,
              revenue);
      chain = chain.chain(() -> rollups.apply(conversion.workspaceId, delta));
    }
    return chain;
  }

  private static void add(
      Map<List<Object>, BigDecimal[]> deltas, List<Object> key, BigDecimal w, BigDecimal r) {
    BigDecimal[] sum =
        deltas.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    sum[0] = sum[0].add(w);
    sum[1] = sum[1].add(r);
  }

  private static boolean same(
      Map<List<Object>, BigDecimal[]> a, Map<List<Object>, BigDecimal[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<List<Object>, BigDecimal[]> entry : a.entrySet()) {
      BigDecimal[] other = b.get(entry.getKey());
      if (entry.getValue()[0].compareTo(other[0]) != 0
          || entry.getValue()[1].compareTo(other[1]) != 0) {
        return false;
      }
    }
    return true;
  }

  static Instant toInstant(Object value) {
    return switch (value) {
      case Instant instant -> instant;
      case java.time.OffsetDateTime odt -> odt.toInstant();
      case java.sql.Timestamp ts -> ts.toInstant();
      case java.time.LocalDateTime ldt -> ldt.toInstant(java.time.ZoneOffset.UTC);
      default -> throw new IllegalStateException("not a time: " + Objects.toString(value));
    };
  }

  static LocalDate toLocalDate(Object value) {
    return switch (value) {
      case LocalDate date -> date;
      case java.sql.Date date -> date.toLocalDate();
      default -> throw new IllegalStateException("not a date: " + Objects.toString(value));
    };
  }
}
