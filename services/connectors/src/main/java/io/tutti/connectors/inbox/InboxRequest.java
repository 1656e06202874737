package io.tutti.connectors.inbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What an admin sends to connect or change an inbox. Which fields a channel needs is checked by
 * {@link InboxService}; on update a credential left out keeps its stored value.
 */
public record InboxRequest(
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Size(max = 20) String channel,
    @Size(max = 64) String pageId,
    @Size(max = 64) String instagramAccountId,
    @Size(max = 2048) String accessToken,
    @Size(max = 256) String appSecret,
    @Size(max = 256) String verifyToken,
    @Size(max = 64) String phoneNumberId,
    @Size(max = 64) String accountSid,
    @Size(max = 256) String authToken,
    @Size(max = 32) String phoneNumber,
    @Size(max = 256) String botToken,
    @Size(max = 256) String secretToken,
    @Size(max = 320) String address,
    @Valid MailServer imap,
    @Valid MailServer smtp,
    @Size(max = 256) String inboundSecret,
    @Size(max = 20) List<@NotBlank @Size(max = 300) String> allowedOrigins,
    Boolean humanAgent) {

  /** An IMAP or SMTP server. */
  public record MailServer(
      @NotBlank @Size(max = 255) String host,
      @Min(1) @Max(65535) Integer port,
      @Size(max = 320) String username,
      @Size(max = 1024) String password,
      Boolean tls) {

    /** Never the password. */
    @Override
    public String toString() {
      return "MailServer[" + host + ":" + port + ", " + username + "]";
    }
  }

  /** Never the credentials: a record's default toString would put every token in a log line. */
  @Override
  public String toString() {
    return "InboxRequest[" + name + ", " + channel + "]";
  }
}
