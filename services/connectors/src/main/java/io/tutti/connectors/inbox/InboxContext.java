package io.tutti.connectors.inbox;

import java.util.UUID;

/**
 * An inbox opened for handling its platform's traffic: settings and credentials in hand.
 *
 * @param webhookUrl the exact public URL the platform calls (Twilio signs over it)
 */
public record InboxContext(
    UUID id,
    String workspaceId,
    String name,
    Channel channel,
    String accountId,
    String verifyToken,
    String siteKey,
    String webhookUrl,
    InboxSettings settings,
    InboxSecrets secrets) {

  /** Never the credentials. */
  @Override
  public String toString() {
    return "InboxContext[" + id + ", " + channel.id() + ", workspace " + workspaceId + "]";
  }
}
