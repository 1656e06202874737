package io.tutti.connectors.media;

import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.connectors.outbound.OutboundConfig;
import io.tutti.connectors.outbound.PlatformHttp;
import io.tutti.connectors.outbound.SendFailure;
import io.tutti.web.problem.Problem;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Fetches the files that WhatsApp and Telegram send by id: WhatsApp's Cloud API answers {@code GET
 * {graph}/{media-id}} with a short-lived URL that is then read with the same token; Telegram's Bot
 * API answers {@code getFile} with a path under {@code /file/bot<token>/}.
 */
@ApplicationScoped
public class PlatformMedia {

  /** The largest file relayed to an agent. */
  static final int MAX_BYTES = 25 * 1024 * 1024;

  private final PlatformHttp http;
  private final OutboundConfig config;

  public PlatformMedia(PlatformHttp http, OutboundConfig config) {
    this.http = http;
    this.config = config;
  }

  /** A file of the platform's, ready to hand to the agent. */
  public record MediaFile(byte[] content, String contentType, String name) {}

  public Uni<MediaFile> fetch(InboxContext inbox, String platformId) {
    return switch (inbox.channel()) {
      case WHATSAPP -> whatsapp(inbox, platformId);
      case TELEGRAM -> telegram(inbox, platformId);
      default -> Uni.createFrom().failure(gone("This inbox's platform sends no media by id."));
    };
  }

  private Uni<MediaFile> whatsapp(InboxContext inbox, String mediaId) {
    String token = inbox.secrets().accessToken();
    return http.get("WhatsApp", base(config.graphApiUrl()) + "/" + mediaId, token)
        .chain(
            answer -> {
              JsonObject json = answer.json();
              String url = json == null ? null : string(json, "url");
              if (!answer.ok() || url == null) {
                throw refusal("WhatsApp", answer.status());
              }
              String type = string(json, "mime_type");
              return http.download("WhatsApp", url, token, MAX_BYTES)
                  .map(file -> file(file, "WhatsApp", type, null));
            });
  }

  private Uni<MediaFile> telegram(InboxContext inbox, String fileId) {
    String bot = base(config.telegramApiUrl());
    String token = inbox.secrets().botToken();
    String query = "file_id=" + URLEncoder.encode(fileId, StandardCharsets.UTF_8);
    return http.get("Telegram", bot + "/bot" + token + "/getFile?" + query, null)
        .chain(
            answer -> {
              JsonObject result =
                  answer.json() != null && answer.json().getValue("result") instanceof JsonObject r
                      ? r
                      : null;
              String path = result == null ? null : string(result, "file_path");
              if (!answer.ok() || path == null) {
                throw refusal("Telegram", answer.status());
              }
              String name = path.substring(path.lastIndexOf('/') + 1);
              return http.download(
                      "Telegram", bot + "/file/bot" + token + "/" + path, null, MAX_BYTES)
                  .map(
                      file ->
                          file(
                              file,
                              "Telegram",
                              URLConnection.guessContentTypeFromName(name),
                              name));
            });
  }

  private static MediaFile file(
      PlatformHttp.Download download, String platform, String declared, String name) {
    if (!download.ok()) {
      throw refusal(platform, download.status());
    }
    String type = declared != null ? declared : download.contentType();
    return new MediaFile(download.bytes(), type, name);
  }

  /** What a platform's refusal means for the agent asking for the file. */
  private static RuntimeException refusal(String platform, int status) {
    if (status == 401 || status == 403) {
      return new Problem(
              Problem.type("platform-refused"),
              "Platform refused",
              502,
              platform + " refused this inbox's credentials; an admin must enter them again.")
          .exception();
    }
    if (status >= 500 || status == 429) {
      return SendFailure.transientFailure(String.valueOf(status), platform + " is unavailable.");
    }
    return gone(
        platform
            + " no longer has this file (WhatsApp keeps media for 30 days, Telegram while the"
            + " bot can see the message).");
  }

  private static RuntimeException gone(String detail) {
    return Problem.notFound(detail).exception();
  }

  private static String string(JsonObject json, String key) {
    return json.getValue(key) instanceof String value && !value.isBlank() ? value : null;
  }

  private static String base(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
