package io.tutti.connectors.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.config.ConnectorsConfig;
import io.tutti.events.UuidV7;
import io.tutti.web.crypto.SecretBox;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Connects and changes a workspace's inboxes, sealing their credentials. */
@ApplicationScoped
public class InboxService {

  private static final Pattern TWILIO_ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern TELEGRAM_BOT_TOKEN =
      Pattern.compile("([0-9]{1,20}):[A-Za-z0-9_-]{20,}");
  private static final Pattern TELEGRAM_SECRET_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Pattern PLATFORM_ID = Pattern.compile("[0-9]{1,64}");
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{1,63}");
  private static final Pattern ORIGIN = Pattern.compile("https?://[^/\\s?#]+");
  private static final int MIN_SHARED_SECRET = 16;

  private final InboxRepository inboxes;
  private final SecretBox secretBox;
  private final ObjectMapper json;
  private final ConnectorsConfig config;
  private final InboxDirectory directory;
  private final SecureRandom random = new SecureRandom();

  public InboxService(
      InboxRepository inboxes,
      SecretBox secretBox,
      ObjectMapper json,
      ConnectorsConfig config,
      InboxDirectory directory) {
    this.inboxes = inboxes;
    this.secretBox = secretBox;
    this.json = json;
    this.config = config;
    this.directory = directory;
  }

  @WithSession
  public Uni<List<InboxView>> list(String workspaceId) {
    return inboxes.listByWorkspace(workspaceId).map(all -> all.stream().map(this::view).toList());
  }

  @WithSession
  public Uni<InboxView> get(String workspaceId, UUID id) {
    return inboxes.findInWorkspace(workspaceId, id).map(this::viewOrNotFound);
  }

  @WithTransaction
  public Uni<InboxView> create(String workspaceId, InboxRequest request) {
    Channel channel = channelOf(request);
    InboxSettings settings = settingsOf(request);
    InboxSecrets secrets = secretsOf(request);
    requireComplete(channel, settings, secrets);

    Inbox inbox = new Inbox();
    inbox.id = UuidV7.next();
    inbox.workspaceId = workspaceId;
    inbox.name = request.name().strip();
    inbox.channel = channel.id();
    inbox.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    inbox.updatedAt = inbox.createdAt;
    if (isMeta(channel)) {
      inbox.verifyToken =
          blankToNull(request.verifyToken()) != null ? request.verifyToken() : token(24);
    }
    if (channel == Channel.WEB) {
      inbox.siteKey = "site_" + token(18);
    }
    apply(inbox, channel, settings, secrets);
    return inboxes.persist(inbox).map(this::view);
  }

  @WithTransaction
  public Uni<InboxView> update(String workspaceId, UUID id, InboxRequest request) {
    Channel channel = channelOf(request);
    return inboxes
        .findInWorkspace(workspaceId, id)
        .onItem()
        .ifNull()
        .failWith(() -> notFound(id).exception())
        .map(
            inbox -> {
              if (!inbox.channel.equals(channel.id())) {
                throw invalid(
                    List.of(
                        new Problem.FieldError(
                            "channel",
                            "cannot change from "
                                + inbox.channel
                                + "; connect a new inbox instead")));
              }
              InboxSettings settings = merge(settingsOf(inbox), settingsOf(request));
              InboxSecrets entered = secretsOf(request);
              InboxSecrets secrets = storedOrNone(inbox).overriddenBy(entered);
              requireComplete(channel, settings, secrets);
              inbox.name = request.name().strip();
              if (isMeta(channel) && blankToNull(request.verifyToken()) != null) {
                inbox.verifyToken = request.verifyToken();
              }
              inbox.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              if (!entered.names().isEmpty() && !InboxHealth.HEALTHY.equals(inbox.health)) {
                // New credentials deserve a fresh start; the next send tells whether they work.
                inbox.health = InboxHealth.HEALTHY;
                inbox.healthReason = null;
                inbox.healthChangedAt = inbox.updatedAt;
              }
              apply(inbox, channel, settings, secrets);
              directory.evict(inbox.id);
              return view(inbox);
            });
  }

  /** The stored settings of an inbox. */
  public InboxSettings settingsOf(Inbox inbox) {
    try {
      return json.readValue(inbox.settings, InboxSettings.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("inbox " + inbox.id + " has unreadable settings", e);
    }
  }

  /**
   * The stored credentials, or none when they cannot be opened (a lost key): the admin re-enters
   * them, and the rules of the channel say which are missing.
   */
  private InboxSecrets storedOrNone(Inbox inbox) {
    try {
      return secretsOf(inbox);
    } catch (SecretBox.SealedValueException e) {
      return InboxSecrets.NONE;
    }
  }

  /** The opened credentials of an inbox; never log or return them. */
  public InboxSecrets secretsOf(Inbox inbox) {
    byte[] opened = secretBox.open(inbox.secrets, inbox.id.toString());
    try {
      return json.readValue(opened, InboxSecrets.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("inbox " + inbox.id + " has unreadable credentials", e);
    }
  }

  /** The absolute URL a platform calls for this inbox, or null for channels without a webhook. */
  public String webhookUrl(Channel channel, UUID inboxId) {
    return channel
        .webhookSegment()
        .map(segment -> publicUrl() + "/webhooks/" + segment + "/" + inboxId)
        .orElse(null);
  }

  private String publicUrl() {
    String url = config.publicUrl().strip();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private void apply(Inbox inbox, Channel channel, InboxSettings settings, InboxSecrets secrets) {
    inbox.accountId = accountId(inbox, channel, settings, secrets);
    try {
      inbox.settings = json.writeValueAsString(settings);
      inbox.secrets =
          secretBox.seal(
              json.writeValueAsString(secrets).getBytes(StandardCharsets.UTF_8),
              inbox.id.toString());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("inbox settings cannot be written", e);
    }
  }

  private static String accountId(
      Inbox inbox, Channel channel, InboxSettings settings, InboxSecrets secrets) {
    return switch (channel) {
      case MESSENGER -> settings.pageId();
      case INSTAGRAM ->
          settings.instagramAccountId() != null ? settings.instagramAccountId() : settings.pageId();
      case WHATSAPP -> settings.phoneNumberId();
      case SMS -> settings.phoneNumber();
      case TELEGRAM -> {
        var matcher = TELEGRAM_BOT_TOKEN.matcher(secrets.botToken());
        yield matcher.matches() ? matcher.group(1) : null;
      }
      case EMAIL -> settings.address().toLowerCase(java.util.Locale.ROOT);
      case WEB -> inbox.siteKey;
    };
  }

  private InboxView viewOrNotFound(Inbox inbox) {
    if (inbox == null) {
      throw Problem.notFound("No such inbox in your workspace.").exception();
    }
    return view(inbox);
  }

  InboxView view(Inbox inbox) {
    Channel channel = Channel.of(inbox.channel).orElseThrow();
    InboxSettings settings = settingsOf(inbox);
    List<String> credentials;
    Boolean unreadable = null;
    try {
      credentials = secretsOf(inbox).names();
    } catch (SecretBox.SealedValueException e) {
      credentials = List.of();
      unreadable = true;
    }
    return new InboxView(
        inbox.id,
        inbox.name,
        inbox.channel,
        webhookUrl(channel, inbox.id),
        inbox.verifyToken,
        inbox.siteKey,
        channel == Channel.WEB ? publicUrl() + "/widget.js" : null,
        settings,
        credentials,
        unreadable,
        new InboxView.Health(inbox.health, inbox.healthReason, inbox.healthChangedAt),
        inbox.createdAt,
        inbox.updatedAt);
  }

  private static Channel channelOf(InboxRequest request) {
    return Channel.of(request.channel())
        .orElseThrow(
            () ->
                invalid(
                    List.of(
                        new Problem.FieldError("channel", "must be one of " + Channel.names()))));
  }

  private static InboxSettings settingsOf(InboxRequest request) {
    return new InboxSettings(
        blankToNull(request.pageId()),
        blankToNull(request.instagramAccountId()),
        blankToNull(request.phoneNumberId()),
        blankToNull(request.accountSid()),
        blankToNull(request.phoneNumber()),
        blankToNull(request.address()),
        server(request.imap()),
        server(request.smtp()),
        request.allowedOrigins() == null
            ? null
            : request.allowedOrigins().stream().map(String::strip).toList(),
        request.humanAgent());
  }

  private static InboxSettings.MailServerSettings server(InboxRequest.MailServer server) {
    return server == null
        ? null
        : new InboxSettings.MailServerSettings(
            server.host().strip(), server.port(), blankToNull(server.username()), server.tls());
  }

  private static InboxSecrets secretsOf(InboxRequest request) {
    return new InboxSecrets(
        blankToNull(request.accessToken()),
        blankToNull(request.appSecret()),
        blankToNull(request.authToken()),
        blankToNull(request.botToken()),
        blankToNull(request.secretToken()),
        request.imap() == null ? null : blankToNull(request.imap().password()),
        request.smtp() == null ? null : blankToNull(request.smtp().password()),
        blankToNull(request.inboundSecret()));
  }

  /** Stored settings with every field the request sets replaced. */
  private static InboxSettings merge(InboxSettings stored, InboxSettings changes) {
    return new InboxSettings(
        pick(changes.pageId(), stored.pageId()),
        pick(changes.instagramAccountId(), stored.instagramAccountId()),
        pick(changes.phoneNumberId(), stored.phoneNumberId()),
        pick(changes.accountSid(), stored.accountSid()),
        pick(changes.phoneNumber(), stored.phoneNumber()),
        pick(changes.address(), stored.address()),
        pick(changes.imap(), stored.imap()),
        pick(changes.smtp(), stored.smtp()),
        pick(changes.allowedOrigins(), stored.allowedOrigins()),
        pick(changes.humanAgent(), stored.humanAgent()));
  }

  private static void requireComplete(
      Channel channel, InboxSettings settings, InboxSecrets secrets) {
    List<Problem.FieldError> errors = new ArrayList<>();
    switch (channel) {
      case MESSENGER -> {
        matches(errors, "pageId", settings.pageId(), PLATFORM_ID, "the page's numeric id");
        required(errors, "accessToken", secrets.accessToken());
        required(errors, "appSecret", secrets.appSecret());
      }
      case INSTAGRAM -> {
        if (settings.instagramAccountId() == null && settings.pageId() == null) {
          errors.add(
              new Problem.FieldError(
                  "instagramAccountId", "is required (or pageId of the linked page)"));
        }
        matches(
            errors,
            "instagramAccountId",
            settings.instagramAccountId(),
            PLATFORM_ID,
            "numeric",
            false);
        matches(errors, "pageId", settings.pageId(), PLATFORM_ID, "numeric", false);
        required(errors, "accessToken", secrets.accessToken());
        required(errors, "appSecret", secrets.appSecret());
      }
      case WHATSAPP -> {
        matches(
            errors,
            "phoneNumberId",
            settings.phoneNumberId(),
            PLATFORM_ID,
            "the numeric phone number id");
        required(errors, "accessToken", secrets.accessToken());
        required(errors, "appSecret", secrets.appSecret());
      }
      case SMS -> {
        matches(
            errors,
            "accountSid",
            settings.accountSid(),
            TWILIO_ACCOUNT_SID,
            "AC followed by 32 hex digits");
        required(errors, "authToken", secrets.authToken());
        matches(
            errors,
            "phoneNumber",
            settings.phoneNumber(),
            E164,
            "an E.164 number such as +14155550100");
      }
      case TELEGRAM -> {
        matches(
            errors,
            "botToken",
            secrets.botToken(),
            TELEGRAM_BOT_TOKEN,
            "the token BotFather gave, <bot id>:<secret>");
        matches(
            errors,
            "secretToken",
            secrets.secretToken(),
            TELEGRAM_SECRET_TOKEN,
            "1-256 of A-Z, a-z, 0-9, _ and -");
      }
      case EMAIL -> {
        matches(errors, "address", settings.address(), EMAIL, "an email address");
        required(errors, "inboundSecret", secrets.inboundSecret());
        if (secrets.inboundSecret() != null
            && secrets.inboundSecret().length() < MIN_SHARED_SECRET) {
          errors.add(
              new Problem.FieldError(
                  "inboundSecret", "must be at least " + MIN_SHARED_SECRET + " characters"));
        }
        if (settings.imap() != null) {
          required(errors, "imap.port", settings.imap().port());
          required(errors, "imap.username", settings.imap().username());
          required(errors, "imap.password", secrets.imapPassword());
        }
        if (settings.smtp() != null) {
          required(errors, "smtp.port", settings.smtp().port());
        }
      }
      case WEB -> {
        if (settings.allowedOrigins() != null) {
          for (int i = 0; i < settings.allowedOrigins().size(); i++) {
            matches(
                errors,
                "allowedOrigins[" + i + "]",
                settings.allowedOrigins().get(i),
                ORIGIN,
                "an origin such as https://shop.example");
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
  }

  private static void required(List<Problem.FieldError> errors, String field, Object value) {
    if (value == null) {
      errors.add(new Problem.FieldError(field, "is required"));
    }
  }

  private static void matches(
      List<Problem.FieldError> errors,
      String field,
      String value,
      Pattern pattern,
      String expected) {
    matches(errors, field, value, pattern, expected, true);
  }

  private static void matches(
      List<Problem.FieldError> errors,
      String field,
      String value,
      Pattern pattern,
      String expected,
      boolean required) {
    if (value == null) {
      if (required) {
        errors.add(new Problem.FieldError(field, "is required"));
      }
    } else if (!pattern.matcher(value).matches()) {
      errors.add(new Problem.FieldError(field, "must be " + expected));
    }
  }

  private static io.tutti.web.problem.ProblemException invalid(List<Problem.FieldError> errors) {
    return Problem.validation(errors).exception();
  }

  private static Problem notFound(UUID id) {
    return Problem.notFound("No inbox " + id + " in your workspace.");
  }

  private static boolean isMeta(Channel channel) {
    return channel == Channel.MESSENGER
        || channel == Channel.INSTAGRAM
        || channel == Channel.WHATSAPP;
  }

  private String token(int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static <T> T pick(T change, T current) {
    return change != null ? change : current;
  }
}
