package io.tutti.connectors.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What an inbox stores in the clear: account ids and server addresses, never a credential. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InboxSettings(
    String pageId,
    String instagramAccountId,
    String phoneNumberId,
    String accountSid,
    String phoneNumber,
    String address,
    MailServerSettings imap,
    MailServerSettings smtp,
    List<String> allowedOrigins) {

  /** An IMAP or SMTP server, without its password. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MailServerSettings(String host, Integer port, String username, Boolean tls) {}
}
