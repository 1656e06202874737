package io.tutti.connectors.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An inbox as admins see it: where the platform must call, the ids it is connected with, and which
 * credentials are set, but never a credential's value.
 *
 * @param webhookUrl the absolute URL to paste into the platform's console (none for web)
 * @param verifyToken Meta's webhook verification token (Messenger, Instagram, WhatsApp)
 * @param siteKey the website chat's public key (web)
 * @param widgetUrl the script a website embeds for the chat (web)
 * @param settings the account ids and server addresses, shown as fields of the inbox
 * @param credentialsSet the names of the credentials that are stored
 * @param credentialsUnreadable true when the stored credentials cannot be opened with the
 *     configured keys (a lost encryption key): the admin must enter them again
 * @param health whether the platform still takes the credentials
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InboxView(
    UUID id,
    String name,
    String channel,
    String webhookUrl,
    String verifyToken,
    String siteKey,
    String widgetUrl,
    @JsonUnwrapped InboxSettings settings,
    List<String> credentialsSet,
    Boolean credentialsUnreadable,
    Health health,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * {@code healthy}, or {@code unhealthy} with the platform's words since the time it first refused
   * the credentials; new credentials or the next accepted send make it healthy again.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Health(String status, String reason, Instant since) {}
}
