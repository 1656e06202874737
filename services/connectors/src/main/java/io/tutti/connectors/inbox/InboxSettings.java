package io.tutti.connectors.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What an inbox stores in the clear: account ids and server addresses, never a credential.
 *
 * @param humanAgent Messenger and Instagram: the Meta app has the Human Agent permission, so agents
 *     may answer up to 7 days after the customer's last message instead of 24 hours
 */
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
    List<String> allowedOrigins,
    Boolean humanAgent) {

  /** An IMAP or SMTP server, without its password. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MailServerSettings(String host, Integer port, String username, Boolean tls) {}
}
