package io.tutti.attribution.settings;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.attribution.channel.ChannelRules;
import io.tutti.attribution.config.AttributionConfig;
import io.tutti.attribution.report.Rollups;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Reads and changes a workspace's settings. Reads are cached for a few seconds: every page view
 * needs the channel rules, and settings change rarely (a change on this instance is seen at once).
 */
@ApplicationScoped
public class SettingsService {

  private static final long CACHE_MILLIS = 5_000;
  private static final Pattern CHANNEL = Pattern.compile("[a-z0-9._-]{1,40}");
  private static final Pattern KEY = Pattern.compile("[a-z0-9._-]{1,100}");

  private final AttributionConfig config;
  private final Rollups rollups;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Settings settings, long at) {}

  public SettingsService(AttributionConfig config, Rollups rollups) {
    this.config = config;
    this.rollups = rollups;
  }

  /** The workspace's settings; inside the caller's session. */
  public Uni<Settings> of(String workspaceId) {
    Cached cached = cache.get(workspaceId);
    if (cached != null && System.currentTimeMillis() - cached.at() < CACHE_MILLIS) {
      return Uni.createFrom().item(cached.settings());
    }
    return WorkspaceSettings.<WorkspaceSettings>findById(workspaceId)
        .map(
            row -> {
              Settings settings = row == null ? defaults(workspaceId) : toSettings(row);
              cache.put(workspaceId, new Cached(settings, System.currentTimeMillis()));
              return settings;
            });
  }

  @WithSession
  public Uni<SettingsView> view(String workspaceId) {
    return of(workspaceId).map(SettingsService::toView);
  }

  /**
   * Applies a change. A new time zone re-dates the roll-ups of everything already counted, so
   * reports of past days read in the new zone too.
   */
  @WithTransaction
  public Uni<SettingsView> update(String workspaceId, SettingsRequest request) {
    validate(request);
    return WorkspaceSettings.<WorkspaceSettings>findById(workspaceId)
        .chain(
            found -> {
              WorkspaceSettings row = found != null ? found : newRow(workspaceId);
              String zoneBefore = row.timeZone;
              if (request.timeZone() != null) {
                row.timeZone = ZoneId.of(request.timeZone()).getId();
              }
              if (request.currency() != null) {
                row.currency = request.currency();
              }
              if (request.halfLifeDays() != null) {
                row.halfLifeDays = request.halfLifeDays();
              }
              if (request.exchangeRates() != null) {
                row.exchangeRates = new LinkedHashMap<>(request.exchangeRates());
              }
              if (request.sourceChannels() != null) {
                row.sourceChannels = lowerCase(request.sourceChannels());
              }
              if (request.referrerChannels() != null) {
                row.referrerChannels = lowerCase(request.referrerChannels());
              }
              row.updatedAt = Instant.now();
              cache.remove(workspaceId);
              Uni<WorkspaceSettings> stored =
                  found != null ? Uni.createFrom().item(row) : row.persist();
              boolean rezoned =
                  found != null && !zoneBefore.equals(row.timeZone)
                      || found == null && !row.timeZone.equals(config.defaultTimeZone());
              return stored
                  .call(
                      () ->
                          rezoned
                              ? rollups.redate(workspaceId, ZoneId.of(row.timeZone))
                              : Uni.createFrom().voidItem())
                  .map(saved -> toView(toSettings(saved)));
            });
  }

  private WorkspaceSettings newRow(String workspaceId) {
    WorkspaceSettings row = new WorkspaceSettings();
    row.workspaceId = workspaceId;
    row.timeZone = config.defaultTimeZone();
    row.currency = config.defaultCurrency();
    row.halfLifeDays = BigDecimal.valueOf(config.defaultHalfLifeDays());
    row.exchangeRates = new LinkedHashMap<>();
    row.sourceChannels = new LinkedHashMap<>();
    row.referrerChannels = new LinkedHashMap<>();
    return row;
  }

  private Settings defaults(String workspaceId) {
    return toSettings(newRow(workspaceId));
  }

  private static Settings toSettings(WorkspaceSettings row) {
    return new Settings(
        row.workspaceId,
        ZoneId.of(row.timeZone),
        row.currency.strip(),
        row.halfLifeDays,
        row.exchangeRates == null ? Map.of() : Map.copyOf(row.exchangeRates),
        row.sourceChannels == null ? Map.of() : Map.copyOf(row.sourceChannels),
        row.referrerChannels == null ? Map.of() : Map.copyOf(row.referrerChannels));
  }

  private static SettingsView toView(Settings settings) {
    return new SettingsView(
        settings.timeZone().getId(),
        settings.currency(),
        settings.halfLifeDays(),
        settings.exchangeRates(),
        settings.sourceChannels(),
        settings.referrerChannels(),
        ChannelRules.DEFAULT_SOURCES,
        ChannelRules.DEFAULT_REFERRERS);
  }

  private static void validate(SettingsRequest request) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (request.timeZone() != null) {
      try {
        ZoneId.of(request.timeZone());
      } catch (DateTimeException e) {
        errors.add(
            new Problem.FieldError("timeZone", "must be an IANA time zone such as Europe/Berlin"));
      }
    }
    if (request.currency() != null && !isCurrency(request.currency())) {
      errors.add(new Problem.FieldError("currency", "is not an ISO 4217 currency"));
    }
    if (request.exchangeRates() != null) {
      request
          .exchangeRates()
          .forEach(
              (code, rate) -> {
                if (!isCurrency(code)) {
                  errors.add(
                      new Problem.FieldError(
                          "exchangeRates." + code, "is not an ISO 4217 currency"));
                } else if (rate == null || rate.signum() <= 0 || rate.scale() > 8) {
                  errors.add(
                      new Problem.FieldError(
                          "exchangeRates." + code,
                          "must be a positive number with at most 8 decimals"));
                }
              });
    }
    checkTable("sourceChannels", request.sourceChannels(), errors);
    checkTable("referrerChannels", request.referrerChannels(), errors);
    if (!errors.isEmpty()) {
      throw Problem.validation(errors).exception();
    }
  }

  private static void checkTable(
      String field, Map<String, String> table, List<Problem.FieldError> errors) {
    if (table == null) {
      return;
    }
    table.forEach(
        (key, channel) -> {
          if (key == null || !KEY.matcher(key.toLowerCase()).matches()) {
            errors.add(
                new Problem.FieldError(field, "keys are 1-100 letters, digits, '.', '_' or '-'"));
          } else if (channel == null || !CHANNEL.matcher(channel.toLowerCase()).matches()) {
            errors.add(
                new Problem.FieldError(
                    field + "." + key,
                    "must be a channel name of 1-40 letters, digits, '.', '_' or '-'"));
          }
        });
  }

  private static boolean isCurrency(String code) {
    if (code == null || !code.matches("[A-Z]{3}")) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Map<String, String> lowerCase(Map<String, String> table) {
    Map<String, String> lower = new LinkedHashMap<>();
    table.forEach((k, v) -> lower.put(k.toLowerCase(), v.toLowerCase()));
    return lower;
  }
}
